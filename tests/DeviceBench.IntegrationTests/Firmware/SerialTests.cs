using DeviceBench.Host.Serial;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Firmware;

public class SerialTests
{
    [Theory]
    [InlineData("kestrel")]
    [InlineData("minimal")]
    public void Host_reads_valid_protocol_lines_from_the_firmware_over_a_pseudo_terminal(string engine)
    {
        using var pty = new PtyPair();
        using var source = new SerialReportSource(pty.HostEnd);
        int port = FreePort.Next();
        using var server = ServerProcess.Start(Artifacts.Firmware(), ["serve", "--engine", engine, "--port", $"{port}", "--address", "127.0.0.1",
            "--serial", pty.BoardEnd, "--serial-required", "--interval-ms", "200"], port);
        var records = new List<object>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !records.OfType<StatRecord>().Any(s => s.Requests > 0))
        {
            using (var c = new RawHttpConnection(port))
            {
                c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
                c.ReadResponse();
            }
            if (source.ReadRecord(TimeSpan.FromMilliseconds(300)) is { } r) records.Add(r);
        }
        var boot = Assert.IsType<BootRecord>(records[0]);
        Assert.Equal(("serve", engine, (long)server.Pid), (boot.Mode, boot.Subject, boot.Pid));
        var ready = Assert.IsType<ReadyRecord>(records[1]);
        Assert.InRange(ready.Memory.RssBytes, 1 << 20, 200 << 20);
        Assert.Equal(port, ready.Port);
        var stats = records.OfType<StatRecord>().ToList();
        Assert.Equal(Enumerable.Range(1, stats.Count).Select(i => (long)i), stats.Select(s => s.Seq));
        Assert.Contains(stats, s => s.Requests > 0 && s.Latency is not null);
        Assert.Equal(0, source.Reader.CorruptLines);
        Assert.DoesNotContain(server.Output, l => l.StartsWith(ReportLine.Prefix, StringComparison.Ordinal));
    }
}
