using System.CommandLine;
using DeviceBench.Cli;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Cli;

public sealed class LoadCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("devicebench-cli-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Load_command_runs_and_writes_json_csv_and_hlog()
    {
        await using var server = new TestHttpServer();
        var json = Path.Combine(folder.FullName, "run.json");
        var csv = Path.Combine(folder.FullName, "run.csv");
        var hlog = Path.Combine(folder.FullName, "run.hlog");

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

    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { LoadCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
