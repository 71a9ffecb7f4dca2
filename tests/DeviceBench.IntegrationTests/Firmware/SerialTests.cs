using System.Collections.Concurrent;
using DeviceBench.Host.Serial;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Firmware;

public class SerialTests
{
    [Theory]
    [InlineData("kestrel")]
    [InlineData("minimal")]
    public async Task Host_reads_valid_protocol_lines_from_the_firmware_over_a_pseudo_terminal(string engine)
    {
        using var pty = new PtyPair();
        using var lines = new ReconnectingSerialPort(pty.HostEnd);
        var session = new MonitorSession(lines, TextWriter.Null);
        var received = new ConcurrentQueue<object>();
        using var stop = new CancellationTokenSource();
        var reading = session.RunAsync(received.Enqueue, stop.Token);
        Thread.Sleep(300); // the host end is open before the firmware starts talking
        int port = FreePort.Next();
        using var server = ServerProcess.Start(Artifacts.Firmware(), ["serve", "--engine", engine, "--port", $"{port}", "--address", "127.0.0.1",
            "--serial", pty.BoardEnd, "--serial-required", "--interval-ms", "200"], port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !received.OfType<StatRecord>().Any(s => s.Requests > 0))
        {
            using (var c = new RawHttpConnection(port))
            {
                c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
                c.ReadResponse();
            }
            Thread.Sleep(100);
        }
        await stop.CancelAsync();
        await reading;
        var records = received.ToList();
        var boot = Assert.IsType<BootRecord>(records[0]);
        Assert.Equal(("serve", engine, (long)server.Pid), (boot.Mode, boot.Subject, boot.Pid));
        var ready = Assert.IsType<ReadyRecord>(records[1]);
        Assert.InRange(ready.Memory!.Value.RssBytes, 1 << 20, 200 << 20);
        Assert.Equal(port, ready.Port);
        var stats = records.OfType<StatRecord>().ToList();
        Assert.Equal(Enumerable.Range(1, stats.Count).Select(i => (long)i), stats.Select(s => s.Seq));
        Assert.Contains(stats, s => s.Requests > 0 && s.Latency is not null);
        Assert.Equal(0, session.Reader.CorruptLines);
        Assert.DoesNotContain(server.Output, l => l.StartsWith(ReportLine.Prefix, StringComparison.Ordinal));
    }
}
