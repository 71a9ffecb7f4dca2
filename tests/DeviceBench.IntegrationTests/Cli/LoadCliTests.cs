using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DeviceBench.IntegrationTests.Conformance;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary><c>devicebench load</c> at its edges, as a real process: exit code, the one line on stderr, files left as they were.</summary>
[Collection(CliCollection.Name)]
public sealed class LoadCliTests : IDisposable
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-load-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_closed_port_is_one_line_and_exit_1_without_running()
    {
        var port = FreePort.Next();
        var json = Path.Combine(_folder.FullName, "run.json");
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{port}/", "-d", "10s", "--json", json]);

        Assert.Equal(1, load.WaitForExit(Exit));
        Assert.Equal([$"devicebench load: cannot connect to 127.0.0.1:{port}: connection refused"], load.Errors);
        Assert.Empty(load.Output);
        Assert.Empty(_folder.GetFiles());
    }

    [Fact]
    public void A_run_in_which_no_request_completed_shows_dashes_and_exits_1()
    {
        // The kernel accepts the connections (the backlog); nothing ever reads them, so every request times out.
        using var mute = new TcpListener(IPAddress.Loopback, 0);
        mute.Start(64);
        var port = ((IPEndPoint)mute.LocalEndpoint).Port;
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{port}/", "-c", "2", "-t", "1", "-d", "1s", "--timeout", "300ms"]);

        Assert.Equal(1, load.WaitForExit(Exit));
        Assert.StartsWith("devicebench load: no request completed in 1.0 s (", load.FirstError, StringComparison.Ordinal);
        var p99 = Assert.Single(load.Output, l => l.Contains(" p99 ", StringComparison.Ordinal));
        Assert.Matches(@"│ p99\s+│\s+- │", p99);
        Assert.DoesNotContain(load.Output, l => l.Contains("0 µs", StringComparison.Ordinal));
    }

    [Fact]
    public void Connections_past_the_open_file_limit_are_refused_before_starting()
    {
        using var server = Contender.Start("go-nethttp");
        var csv = Path.Combine(_folder.FullName, "run.csv");
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{server.Port}/", "-c", "1000", "-d", "2s", "--csv", csv], openFileLimit: 256);

        Assert.Equal(2, load.WaitForExit(Exit));
        Assert.Equal(["devicebench load: 1,000 connections need 1,260 open files, but the open-file limit is 256 and cannot be raised further "
            + "(hard limit: ulimit -Hn; raise it or run as root, or use fewer connections)"], load.Errors);
        Assert.Empty(load.Output);
        Assert.Empty(_folder.GetFiles());
    }

    [Theory]
    [InlineData("-R", "99999999999999999999", "-R must be a number from 0.01 to 10,000,000 (got '99999999999999999999')")]
    [InlineData("-R", "1e9", "-R must be a number from 0.01 to 10,000,000 (got '1e9')")]
    [InlineData("-c", "25000000", "-c must be a whole number from 1 to 65,535 (got '25000000')")]
    [InlineData("-d", "1e300", "-d must be a duration above 0s, up to 24h, such as 30s, 500ms or 2m (got '1e300')")]
    [InlineData("-b", "@/nonexistent/body.txt", "-b @/nonexistent/body.txt: no such directory /nonexistent")]
    public void A_bad_value_is_one_line_naming_it_and_exit_2(string option, string value, string expected)
    {
        using var load = DevicebenchRun.Start(["load", "http://127.0.0.1:1/", option, value]);

        Assert.Equal(2, load.WaitForExit(Exit));
        Assert.Equal([$"devicebench load: {expected}"], load.Errors);
    }

    [Theory]
    [InlineData("--json", "/nonexistent/run.json", "no such directory /nonexistent")]
    [InlineData("--csv", "/nonexistent/run.csv", "no such directory /nonexistent")]
    [InlineData("--hlog", "/", "is a directory")]
    public void An_unwritable_output_path_fails_before_the_run(string option, string path, string why)
    {
        using var server = Contender.Start("go-nethttp");
        var kept = Path.Combine(_folder.FullName, "kept.json");
        File.WriteAllText(kept, "an earlier run");
        string[] others = option == "--json" ? ["--csv", kept] : ["--json", kept];
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{server.Port}/", "-d", "10s", option, path, .. others]);

        Assert.Equal(2, load.WaitForExit(Exit));
        Assert.Equal([$"devicebench load: {option} {path}: {why}"], load.Errors);
        Assert.Empty(load.Output);
        Assert.Equal("an earlier run", File.ReadAllText(kept));
        Assert.Single(_folder.GetFiles());
    }

    [Fact]
    public async Task A_body_file_named_with_at_reaches_the_server()
    {
        // The documented form (help and Load/README.md); System.CommandLine's response files used to swallow it.
        await using var server = new BodyRecordingServer();
        var body = Path.Combine(_folder.FullName, "body.txt");
        await File.WriteAllTextAsync(body, "{\"sensor\": \"@t\", \"value\": 21.5}");
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{server.Port}/", "-c", "1", "-t", "1", "-d", "500ms", "-m", "POST", "-b", $"@{body}"]);

        Assert.Equal(0, load.WaitForExit(Exit));
        Assert.Empty(load.Errors);
        Assert.NotEmpty(server.Bodies);
        Assert.All(server.Bodies, b => Assert.Equal("{\"sensor\": \"@t\", \"value\": 21.5}", b));
    }

    [Fact]
    public void Ctrl_c_writes_the_partial_result_and_exits_130()
    {
        using var server = Contender.Start("go-nethttp");
        var json = Path.Combine(_folder.FullName, "run.json");
        var csv = Path.Combine(_folder.FullName, "run.csv");
        var hlog = Path.Combine(_folder.FullName, "run.hlog");
        using var load = DevicebenchRun.Start(["load", $"http://127.0.0.1:{server.Port}/", "-c", "4", "-t", "1", "-d", "60s",
            "--json", json, "--csv", csv, "--hlog", hlog]);
        load.WaitForOutput(l => l.StartsWith("devicebench load http://", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Thread.Sleep(2500);
        load.Signal(2);

        Assert.Equal(130, load.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.StartsWith("devicebench load: interrupted after ", load.FirstError, StringComparison.Ordinal);
        Assert.Contains(load.Output, l => l.Contains("requests/s", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("cancelled", result.RootElement.GetProperty("stoppedBy").GetString());
        Assert.True(result.RootElement.GetProperty("requests").GetInt64() > 0);
        Assert.True(File.ReadAllLines(csv).Length >= 2, "the CSV has its header and at least one interval");
        Assert.True(new FileInfo(hlog).Length > 0);
    }
}
