using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using DeviceBench.Cli;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Cli;

public sealed class LoadCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Load_command_runs_and_writes_json_csv_and_hlog()
    {
        await using var server = new TestHttpServer();
        var json = Path.Combine(_folder.FullName, "run.json");
        var csv = Path.Combine(_folder.FullName, "run.csv");
        var hlog = Path.Combine(_folder.FullName, "run.hlog");

        var exitCode = await Invoke("load", server.Url.ToString(), "-c", "4", "-t", "1", "-d", "1500ms", "--timeout", "1s",
            "-H", "X-Bench: yes", "--json", json, "--csv", csv, "--hlog", hlog, "--distribution");

        Assert.Equal(0, exitCode);
        await using var stream = File.OpenRead(json);
        var result = LoadResultJsonContext.Read(stream)!;
        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(1.5, result.Settings.DurationSeconds);
        Assert.Equal(1.0, result.Settings.TimeoutSeconds);
        Assert.True(File.ReadAllLines(csv).Length >= 2);
        Assert.True(new FileInfo(hlog).Length > 0);
    }

    [Theory]
    [InlineData("-d", "soon")]
    [InlineData("-c", "0")]
    [InlineData("--pipeline", "0")]
    public async Task Bad_settings_fail_without_running(string option, string value)
    {
        Assert.NotEqual(0, await Invoke("load", "http://127.0.0.1:1/", option, value));
    }

    [Fact]
    public async Task Https_is_refused_with_a_reason()
    {
        Assert.Equal(2, await Invoke("load", "https://127.0.0.1:1/"));
    }

    [Theory]
    [InlineData("-R", "99999999999999999999", "-R must be a number from 0.01 to 10,000,000 (got '99999999999999999999')")]
    [InlineData("--rate", "NaN", "--rate must be a number from 0.01 to 10,000,000 (got 'NaN')")]
    [InlineData("-c", "abc", "-c must be a whole number from 1 to 65,535 (got 'abc')")]
    [InlineData("-t", "100000", "-t must be a whole number from 1 to 256 (got '100000')")]
    [InlineData("-p", "2000", "-p must be a whole number from 1 to 1,024 (got '2000')")]
    [InlineData("-d", "1e300", "-d must be a duration above 0s, up to 24h, such as 30s, 500ms or 2m (got '1e300')")]
    [InlineData("--timeout", "2h", "--timeout must be a duration above 0s, up to 1h, such as 30s, 500ms or 2m (got '2h')")]
    [InlineData("-w", "-1s", "-w must be a duration from 0s to 24h, such as 30s, 500ms or 2m (got '-1s')")]
    [InlineData("--expect-status", "99999", "--expect-status must be a whole number from 100 to 599 (got '99999')")]
    [InlineData("-H", "no colon", "-H must be \"Name: value\" (got 'no colon')")]
    [InlineData("-m", "G T", "-m must be one word such as GET or POST (got 'G T')")]
    [InlineData("--json", "", "--json needs a file name")]
    public void Out_of_range_values_name_the_option_as_typed_and_what_is_allowed(string option, string value, string expected)
    {
        var parse = new RootCommand { LoadCommand.Create() }.Parse(["load", "http://127.0.0.1:1/", option, value], CommandRunner.Parser);

        Assert.Equal(expected, Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public async Task Usage_errors_exit_2_through_the_command_runner()
    {
        Assert.Equal(ExitCodes.Usage, await CommandRunner.RunAsync(new RootCommand { LoadCommand.Create() }, ["load", "http://127.0.0.1:1/", "-c", "0"],
            TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Nothing_listening_exits_1_without_running_or_writing()
    {
        var json = Path.Combine(_folder.FullName, "run.json");

        Assert.Equal(ExitCodes.Failed, await Invoke("load", $"http://127.0.0.1:{UnusedPort()}/", "-d", "5s", "--json", json));
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task A_run_in_which_no_request_completed_exits_1()
    {
        // Connections are accepted by the kernel (the backlog) and never read: every request times out.
        using var mute = new TcpListener(IPAddress.Loopback, 0);
        mute.Start(64);
        var json = Path.Combine(_folder.FullName, "run.json");

        var exitCode = await Invoke("load", $"http://127.0.0.1:{((IPEndPoint)mute.LocalEndpoint).Port}/", "-c", "2", "-t", "1", "-d", "600ms",
            "--timeout", "200ms", "--json", json);

        Assert.Equal(ExitCodes.Failed, exitCode);
        await using var stream = File.OpenRead(json);
        var result = LoadResultJsonContext.Read(stream)!;
        Assert.Equal(0, result.Requests);
        Assert.Equal(0, result.Latency.Count);
    }

    [Fact]
    public async Task Output_paths_are_checked_before_the_run_and_files_left_as_they_were()
    {
        await using var server = new TestHttpServer();
        var csv = Path.Combine(_folder.FullName, "run.csv");
        var hlog = Path.Combine(_folder.FullName, "run.hlog");
        await File.WriteAllTextAsync(hlog, "kept");

        var exitCode = await Invoke("load", server.Url.ToString(), "-d", "5s", "--csv", csv, "--hlog", hlog, "--json", "/nonexistent/run.json");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(0, server.Requests);
        Assert.False(File.Exists(csv));
        Assert.Equal("kept", await File.ReadAllTextAsync(hlog));
    }

    [Theory]
    [InlineData("/nonexistent/x.json", "--json /nonexistent/x.json: no such directory /nonexistent")]
    [InlineData("/", "--json /: is a directory")]
    public void An_unwritable_output_path_is_named_with_its_option(string path, string expected) =>
        Assert.Equal(expected, OptionFiles.CheckWritable("--json", new FileInfo(path)));

    [Fact]
    public async Task A_body_file_is_sent_as_the_body()
    {
        await using var server = new TestHttpServer();
        var body = Path.Combine(_folder.FullName, "body.txt");
        await File.WriteAllTextAsync(body, "{\"a\":1}");

        var exitCode = await Invoke("load", server.Url.ToString(), "-c", "1", "-t", "1", "-d", "300ms", "-m", "POST", "-b", $"@{body}");

        Assert.Equal(0, exitCode);
        Assert.True(server.Requests > 0);
        Assert.Equal(7 * server.Requests, server.BodyBytes);
    }

    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    // The parser configuration of the real binary: without it "-b @FILE" would be read as a response file.
    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { LoadCommand.Create() };
        return root.Parse(args, CommandRunner.Parser).InvokeAsync();
    }
}
