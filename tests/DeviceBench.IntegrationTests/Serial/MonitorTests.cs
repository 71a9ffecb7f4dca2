using System.Collections.Concurrent;
using DeviceBench.Host.Serial;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Serial;

public class MonitorTests
{
    private static string Stat(long seq) => new StatRecord
    {
        Seq = seq, UptimeMillis = seq * 1000, Memory = new MemoryFigures(4 << 20, null, 1 << 20, 5 << 20), CpuPct10 = 5, Threads = 1,
    }.ToLine().ToString();

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            Thread.Sleep(20);
        }
    }

    [Fact]
    public async Task Monitor_logs_every_line_drops_corrupt_ones_and_carries_on_after_the_port_comes_back()
    {
        string dir = Directory.CreateTempSubdirectory("devicebench-monitor").FullName;
        var records = new ConcurrentQueue<object>();
        var log = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var pty = new PtyPair(dir);
        using var lines = new ReconnectingSerialPort(pty.HostEnd) { RetryInterval = TimeSpan.FromMilliseconds(100) };
        var session = new MonitorSession(lines, TextWriter.Synchronized(log));
        var run = session.RunAsync(records.Enqueue, cancel.Token);

        Thread.Sleep(300);
        pty.WriteFromBoard("[    1.234] random boot log", Stat(1), Stat(2).Replace("seq=2", "seq=9", StringComparison.Ordinal), Stat(2));
        WaitUntil(() => records.Count == 2, "two records before the disconnect");
        pty.Dispose();
        WaitUntil(() => lines.Problem is not null, "the monitor noticing the port is gone");
        using (var back = new PtyPair(dir))
        {
            WaitUntil(() => lines.Reconnects == 1, "the monitor reopening the port");
            back.WriteFromBoard(Stat(3));
            WaitUntil(() => records.Count == 3, "a record after the port came back");
        }
        await cancel.CancelAsync();
        await run;

        Assert.Equal([1L, 2L, 3L], records.OfType<StatRecord>().Select(s => s.Seq));
        Assert.Equal((1, 1, 3), ((int)session.Reader.CorruptLines, (int)session.Reader.NoiseLines, (int)session.Reader.ValidLines));
        Assert.Contains("random boot log", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("seq=9", log.ToString(), StringComparison.Ordinal); // the log keeps what arrived, corrupt lines too
        Directory.Delete(dir, recursive: true);
    }
}
