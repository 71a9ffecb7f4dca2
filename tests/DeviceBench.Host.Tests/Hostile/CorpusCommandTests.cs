using System.CommandLine;
using DeviceBench.Cli;
using DeviceBench.Host.Hostile.Corpus;

namespace DeviceBench.Host.Tests.Hostile;

public sealed class CorpusCommandTests : IDisposable
{
    private const string Corpus = """
        == cl-te
        expect: 400
        hides: /smuggled
        > POST / HTTP/1.1\r\nHost: b\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n
        > 0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: bench\r\n\r\n
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-hostile-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Hostile_command_exits_0_for_a_server_that_refuses_and_writes_json()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Strict);
        string json = Path.Combine(_folder.FullName, "hostile.json");
        Assert.Equal(0, await Invoke("--target", $"127.0.0.1:{server.Port}", "--corpus", WriteCorpus(), "--json", json));
        var report = CorpusJsonContext.Deserialize(await File.ReadAllTextAsync(json))!;
        Assert.Equal((1, 1, 0), (report.Cases, report.AsExpected, report.Smuggled));
    }

    [Fact]
    public async Task Hostile_command_exits_1_when_the_server_smuggles()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Naive);
        Assert.Equal(1, await Invoke("--target", $"127.0.0.1:{server.Port}", "--corpus", WriteCorpus()));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:http")]
    public async Task Hostile_command_refuses_a_target_without_a_port(string target) => Assert.Equal(2, await Invoke("--target", target));

    [Fact]
    public async Task Hostile_command_names_the_line_of_a_bad_corpus()
    {
        string path = Path.Combine(_folder.FullName, "bad.txt");
        await File.WriteAllTextAsync(path, "== a\nexpect: 400\n");
        Assert.Equal(2, await Invoke("--target", "127.0.0.1:1", "--corpus", path));
    }

    [Fact]
    public async Task Hostile_command_on_a_closed_port_exits_1_without_counting_crashes()
    {
        string json = Path.Combine(_folder.FullName, "hostile.json");
        Assert.Equal(ExitCodes.Failed, await Invoke("--target", $"127.0.0.1:{UnusedPort()}", "--corpus", WriteCorpus(), "--json", json));
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task Hostile_command_checks_the_json_path_before_running()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Strict);
        Assert.Equal(ExitCodes.Usage, await Invoke("--target", $"127.0.0.1:{server.Port}", "--corpus", WriteCorpus(), "--json", "/nonexistent/h.json"));
    }

    [Fact]
    public async Task Hostile_command_refuses_a_case_filter_that_matches_nothing() =>
        Assert.Equal(ExitCodes.Usage, await Invoke("--target", "127.0.0.1:1", "--corpus", WriteCorpus(), "--case", "no-such-case"));

    private static int UnusedPort()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream,
            System.Net.Sockets.ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private string WriteCorpus()
    {
        string path = Path.Combine(_folder.FullName, "corpus.txt");
        File.WriteAllText(path, Corpus);
        return path;
    }

    private static Task<int> Invoke(params string[] args) => new RootCommand { HostileCommand.Create() }.Parse(["hostile", .. args]).InvokeAsync();
}
