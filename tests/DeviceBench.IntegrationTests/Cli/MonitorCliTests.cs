using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;
using static DeviceBench.IntegrationTests.Cli.DevicebenchRun;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary><c>devicebench monitor</c> as a user runs it: a device that is not there, one that appears, and where its log goes.</summary>
public sealed class MonitorCliTests : IDisposable
{
    private readonly string _cwd = Directory.CreateTempSubdirectory("devicebench-monitor-cli-").FullName;
    private readonly string _absent = $"/dev/ttyUSB-devicebench-_absent-{Environment.ProcessId}";

    public void Dispose() => Directory.Delete(_cwd, recursive: true);

    [Fact]
    public void A_device_that_does_not_exist_is_an_error_at_once_and_leaves_no_log()
    {
        AssertOneLineError(2, $"devicebench monitor: {_absent} does not exist", Run(_cwd, "monitor", "--serial", _absent));

        Assert.Empty(Listing(_cwd));
    }

    [Fact]
    public void Waiting_for_a_device_that_never_appears_ends_with_duration_and_leaves_no_log()
    {
        var result = Run(_cwd, "monitor", "--serial", _absent, "--wait", "--duration", "1s");

        AssertOneLineError(1, $"devicebench monitor: gave up waiting at the end of --duration: {_absent} does not exist", result);
        Assert.Empty(Listing(_cwd));
    }

    [Fact]
    public void A_device_that_appears_is_waited_for_and_logged_under_results_monitor()
    {
        string ptys = Directory.CreateTempSubdirectory("devicebench-monitor-pty-").FullName;
        string device = Path.Combine(ptys, "host");
        using var monitor = Start(_cwd, "monitor", "--serial", device, "--wait", "--duration", "6s");
        monitor.WaitForOutput(l => l.Contains("does not exist — waiting for it", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(Listing(_cwd)); // nothing is created before the port opens

        using (var pty = new PtyPair(ptys))
        {
            monitor.WaitForOutput(l => l.StartsWith("monitoring ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            pty.WriteFromBoard("boot noise", new EndRecord("signal", 0, 1000, null, 1 << 20).ToLine().ToString());
            Assert.Equal(0, monitor.WaitForExit(TimeSpan.FromSeconds(30)));
        }

        string log = Assert.Single(Directory.GetFiles(Path.Combine(_cwd, "results", "monitor")));
        Assert.Matches(@"^\d{8}-\d{6}-host\.log$", Path.GetFileName(log));
        Assert.Equal(["boot noise", new EndRecord("signal", 0, 1000, null, 1 << 20).ToLine().ToString()], File.ReadAllLines(log));
        Assert.Equal(["results", "results/monitor", $"results/monitor/{Path.GetFileName(log)}"], Listing(_cwd));
        Assert.Empty(monitor.Errors);
        Directory.Delete(ptys, recursive: true);
    }

    [Fact]
    public void The_log_goes_where_log_says_and_ctrl_c_ends_the_monitor_with_130()
    {
        using var pty = new PtyPair();
        string log = Path.Combine(_cwd, "logs", "board.log");
        using var monitor = Start(_cwd, "monitor", "--serial", pty.HostEnd, "--log", log);
        monitor.WaitForOutput(l => l.StartsWith("monitoring ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        pty.WriteFromBoard("boot noise");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !(File.Exists(log) && File.ReadAllText(log).Contains("boot noise", StringComparison.Ordinal)); Thread.Sleep(50))
            Assert.True(DateTime.UtcNow < deadline, "the line never reached the log");

        monitor.Signal(2);

        Assert.Equal(130, monitor.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(["logs", "logs/board.log"], Listing(_cwd));
        Assert.Empty(monitor.Errors);
    }
}
