using System.Diagnostics;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Firmware;

/// <summary><c>watch</c> measures a contender it did not build (here the Go server) with the sampler <c>serve</c> uses.</summary>
public class WatchTests
{
    private static List<object> Records(ServerProcess watcher)
    {
        var reader = new ReportReader();
        return [.. watcher.Output.ToArray().Select(reader.Read).OfType<object>()];
    }

    [Fact]
    public void Watch_runs_a_command_and_reports_its_memory_connections_and_exit()
    {
        int port = FreePort.Next();
        using var watcher = ServerProcess.Start(Artifacts.Firmware(),
            ["watch", "--interval-ms", "200", "--", Artifacts.Path("x64", "go-nethttp"), "--port", $"{port}", "--threads", "1"], port);
        watcher.WaitForOutput(l => l.Contains(" READY ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        using (var c = new RawHttpConnection(port))
        {
            c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
            c.ReadResponse();
            watcher.WaitForOutput(l => l.Contains(" conns=1 ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        }
        int childPid = (int)Records(watcher).OfType<BootRecord>().Single().Pid!.Value;
        Process.GetProcessById(childPid).Kill();
        Assert.Equal(0, watcher.WaitForExit(TimeSpan.FromSeconds(10))); // the watcher ends by itself when its subject does

        var records = Records(watcher);
        var boot = Assert.IsType<BootRecord>(records[0]);
        Assert.Equal(("watch", "go-nethttp"), (boot.Mode, boot.Subject));
        var ready = Assert.IsType<ReadyRecord>(records[1]);
        Assert.InRange(ready.Memory!.Value.RssBytes, 512 << 10, 100 << 20);
        var stats = records.OfType<StatRecord>().ToList();
        Assert.All(stats, s => Assert.Null(s.Requests)); // a watched process's requests are unknown: omitted, not zero
        Assert.All(stats, s => Assert.Null(s.GcCount));
        var end = Assert.IsType<EndRecord>(records[^1]);
        Assert.Equal("exited", end.Reason);
        Assert.Equal(137, end.ExitCode);
    }

    [Fact]
    public void Watch_attaches_to_a_running_pid_and_ends_when_it_exits()
    {
        int port = FreePort.Next();
        using var go = ServerProcess.Start(Artifacts.Path("x64", "go-nethttp"), ["--port", $"{port}", "--threads", "1"], port);
        using var watcher = ServerProcess.Start(Artifacts.Firmware(), ["watch", "--interval-ms", "200", "--pid", $"{go.Pid}", "--name", "go"], 0, waitForPort: false);
        watcher.WaitForOutput(l => l.Contains(" STAT ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal(0, go.Stop(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, watcher.WaitForExit(TimeSpan.FromSeconds(10)));
        var records = Records(watcher);
        Assert.Equal(go.Pid, Assert.IsType<ReadyRecord>(records[1]).Pid);
        Assert.Equal("exited", Assert.IsType<EndRecord>(records[^1]).Reason);
    }

    [Fact]
    public void Watch_stopped_by_signal_stops_its_child_gracefully()
    {
        int port = FreePort.Next();
        using var watcher = ServerProcess.Start(Artifacts.Firmware(),
            ["watch", "--", Artifacts.Path("x64", "go-nethttp"), "--port", $"{port}", "--threads", "1"], port);
        watcher.WaitForOutput(l => l.Contains(" READY ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        int childPid = (int)Records(watcher).OfType<BootRecord>().Single().Pid!.Value;
        Assert.Equal(0, watcher.Stop(TimeSpan.FromSeconds(10)));
        var end = Assert.IsType<EndRecord>(Records(watcher)[^1]);
        Assert.Equal(("signal", 0L), (end.Reason, end.ExitCode));
        Assert.False(Directory.Exists($"/proc/{childPid}"));
    }
}
