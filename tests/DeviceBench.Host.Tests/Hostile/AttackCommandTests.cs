using System.CommandLine;
using System.Net.Sockets;
using System.Net;
using DeviceBench.Cli;
using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Tests.Hostile;

public sealed class AttackCommandTests
{
    [Fact]
    public async Task Attack_command_exits_zero_when_the_server_still_serves()
    {
        await using var server = new AttackTestServer(AttackServerMode.Answer);

        var exitCode = await Invoke("attack", "--target", server.Target.ToString(), "--kind", "reset", "-c", "2", "-d", "500ms",
            "--reset-rate", "100", "--rate", "200", "--pid", $"{Environment.ProcessId}");

        Assert.Equal(0, exitCode);
        Assert.True(server.Resets > 0);
    }

    [Fact]
    public async Task Attack_command_exits_one_when_nothing_serves()
    {
        var exitCode = await Invoke("attack", "--target", $"127.0.0.1:{UnusedPort()}", "--kind", "idle", "-c", "5", "-d", "300ms", "--no-baseline");

        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData("--kind", "flood")]
    [InlineData("--target", "nowhere")]
    [InlineData("-c", "0")]
    public async Task Bad_settings_fail_without_attacking(string option, string value)
    {
        string[] args = ["attack", "--target", "127.0.0.1:1", "--kind", "idle"];
        var i = Array.IndexOf(args, option);
        args = i >= 0 ? [.. args[..(i + 1)], value, .. args[(i + 2)..]] : [.. args, option, value];

        // Parse errors exit 1 (System.CommandLine), settings that parse but cannot work exit 2; neither attacks.
        Assert.NotEqual(0, await Invoke(args));
    }

    [Theory]
    [InlineData("--kind", "foo", "--kind must be slow, idle or reset (got 'foo')")]
    [InlineData("--kind", "1", "--kind must be slow, idle or reset (got '1')")]
    [InlineData("--target", "nowhere", "--target must be HOST:PORT such as 127.0.0.1:8080 (got 'nowhere')")]
    [InlineData("--reset-rate", "1e-300", "--reset-rate must be a number from 1 to 1,000,000 (got '1e-300')")]
    [InlineData("--pid", "-5", "--pid must be a whole number from 1 to 2,147,483,647 (got '-5')")]
    public void Bad_values_are_named_in_the_users_words(string option, string value, string expected)
    {
        string[] args = ["attack", "--target", "127.0.0.1:1", "--kind", "idle"];
        var i = Array.IndexOf(args, option);
        args = i >= 0 ? [.. args[..(i + 1)], value, .. args[(i + 2)..]] : [.. args, option, value];

        var parse = new RootCommand { AttackCommand.Create() }.Parse(args, CommandRunner.Parser);

        Assert.Equal(expected, Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public async Task A_pid_that_names_no_process_is_refused_before_attacking()
    {
        await using var server = new AttackTestServer(AttackServerMode.Answer);

        var exitCode = await Invoke("attack", "--target", server.Target.ToString(), "--kind", "reset", "-d", "300ms", "--pid", $"{NoSuchPid()}");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(0, server.Resets);
    }

    [Fact]
    public async Task A_closed_port_is_refused_before_attacking()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(ExitCodes.Failed, await Invoke("attack", "--target", $"127.0.0.1:{UnusedPort()}", "--kind", "slow", "-d", "10s"));
        // The probe answers at once; running the attack would take 2 × 10 s.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public void Report_without_a_measured_request_shows_no_p99()
    {
        var outcome = new AttackOutcome { Attack = new AttackResult(AttackKind.Idle, 1, 0, 0, 0, 0, 0), UnderAttack = RunWithoutLoad(), ServingAfter = false };
        var options = new AttackSessionOptions
        {
            Attack = new AttackOptions { Target = new IPEndPoint(IPAddress.Loopback, 8080), Kind = AttackKind.Idle, Connections = 1 },
        };

        var lines = AttackReportText.Lines(options, outcome).ToList();

        Assert.Contains("under attack -;", lines[2], StringComparison.Ordinal);
        Assert.Contains(" attack_p99_us=- ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ends_with_one_result_line_for_scripts()
    {
        var outcome = new AttackOutcome
        {
            Attack = new AttackResult(AttackKind.Idle, 1000, 0, 0, 0, 0, 0),
            UnderAttack = RunWithoutLoad(),
            RssBeforeBytes = 4_000_000,
            RssEstablishedBytes = 4_165_000,
            ServingAfter = true,
            ProcessAlive = true,
        };
        var options = new AttackSessionOptions
        {
            Attack = new AttackOptions { Target = new IPEndPoint(IPAddress.Loopback, 8080), Kind = AttackKind.Idle, Connections = 1000 },
        };

        var last = AttackReportText.Lines(options, outcome).Last();

        Assert.StartsWith("result kind=idle connections=1000 opened=1000 ", last, StringComparison.Ordinal);
        Assert.Contains(" bytes_per_idle_conn=165 serving_after=yes alive=yes", last, StringComparison.Ordinal);
        Assert.Contains(" baseline_p99_us=- ", last, StringComparison.Ordinal);
    }

    private static LoadResult RunWithoutLoad() => new()
    {
        Settings = null!, StartedUtc = DateTimeOffset.UnixEpoch, MeasuredSeconds = 0, StoppedBy = "duration", Requests = 0, RequestsPerSecond = 0,
        BytesRead = 0, BytesWritten = 0, Latency = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null), Errors = new(0, 0, 0, 0, 0, 0, 0),
        Reconnects = 0, Unfinished = 0, Engine = null!, Intervals = [],
    };

    private static int NoSuchPid()
    {
        var pid = 4_000_000;
        while (Directory.Exists($"/proc/{pid}")) pid++;
        return pid;
    }

    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { AttackCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
