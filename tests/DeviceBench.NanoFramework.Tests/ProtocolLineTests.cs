using DeviceBench.Protocol;
using NanoCrc = DeviceBench.NanoFramework.Crc16Ccitt;
using ProtocolCrc = DeviceBench.Protocol.Crc16Ccitt;

namespace DeviceBench.NanoFramework.Tests;

/// <summary>The ESP32 firmware's lines, made by the same sources the nanoFramework build compiles, as the host parses them.</summary>
public class ProtocolLineTests
{
    private static IEnumerable<string> GoldenLines() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "*.log").SelectMany(File.ReadLines)
            .Where(l => l.StartsWith(ReportLine.Prefix, StringComparison.Ordinal));

    [Fact]
    public void Crc_agrees_with_the_protocol_on_the_check_string_and_every_golden_line()
    {
        Assert.Equal(0x29B1, NanoCrc.Compute("123456789"));
        int lines = 0;
        foreach (string line in GoldenLines())
        {
            string body = line[..line.LastIndexOf(" *", StringComparison.Ordinal)];
            Assert.Equal(ProtocolCrc.Compute(body), NanoCrc.Compute(body));
            Assert.Equal(line[^4..], NanoCrc.Compute(body).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            lines++;
        }
        Assert.True(lines >= 5);
    }

    [Fact]
    public void Writer_rewrites_every_golden_line_byte_for_byte()
    {
        foreach (string line in GoldenLines())
        {
            Assert.Equal(LineKind.Valid, ReportLine.TryParse(line, out var parsed));
            var writer = new ReportLineWriter(parsed!.Record);
            foreach (var (key, value) in parsed.Fields) writer.Add(key, value);
            Assert.Equal(line, writer.ToString());
        }
    }

    [Fact]
    public void Boot_ready_stat_and_alarm_lines_parse_and_format_back_byte_for_byte()
    {
        var reporter = new DeviceReporter("0.1.0", "xtensa", 2, 300_000, 80, p99BudgetMicros: 5_000);
        var heap = new HeapReading(41_200, 78_800, 150_000);
        var lines = new List<string> { reporter.BootLine(), reporter.ReadyLine(1_850, heap) };
        foreach (long micros in new long[] { 900, 1_200, 40_000 }) reporter.RequestServed(micros);
        lines.AddRange(reporter.Tick(2_850, heap));
        lines.AddRange(reporter.Tick(3_850, new HeapReading(41_900, 78_100, -1)));

        var reader = new ReportReader();
        var records = lines.Select(line =>
        {
            var record = reader.Read(line) ?? throw new InvalidOperationException($"host did not take the device's line: {line}");
            Assert.Equal(line, record.ToLine().ToString());
            return record;
        }).ToList();
        Assert.Equal((0L, 0L, 0L), (reader.CorruptLines, reader.UnknownRecords, reader.NoiseLines));

        var boot = Assert.IsType<BootRecord>(records[0]);
        Assert.Equal(("serve", "nanoframework", (long?)null, "xtensa", 2L), (boot.Mode, boot.Subject, boot.Pid, boot.Arch, boot.Cores));
        var ready = Assert.IsType<ReadyRecord>(records[1]);
        Assert.Null(ready.Memory);
        Assert.Equal(new HeapFigures(41_200, 78_800, 150_000), ready.Heap);
        Assert.Equal((80L, 1_850L, (long?)null), (ready.Port, ready.StartupMillis, ready.Pid));
        var stat = Assert.IsType<StatRecord>(records[2]);
        Assert.Null(stat.Memory);
        Assert.Null(stat.CpuPct10);
        Assert.Equal((1L, 3L, 3L), (stat.Seq, stat.Requests!.Value, stat.RequestsPerSecond!.Value));
        Assert.Equal(1_215, stat.Latency!.Value.P50Micros); // 1,200 µs in the bucket 1,152–1,215
        Assert.InRange(stat.Latency.Value.P99Micros, 40_000, 40_000 * 1.0625);
        var alarm = Assert.IsType<AlarmRecord>(records[3]);
        Assert.Equal(("p99", true, 5_000L), (alarm.Budget, alarm.Raised, alarm.Limit));
        var quiet = Assert.IsType<StatRecord>(records[4]);
        Assert.Null(quiet.Latency);
        Assert.Null(quiet.Heap!.Value.NativeFreeBytes);
        Assert.Equal(0, quiet.RequestsPerSecond);
    }

    [Fact]
    public void Ready_is_repeated_unchanged_every_tenth_interval_and_only_then()
    {
        var reporter = new DeviceReporter("0.1.0", "riscv32", 1, 200_000, 80, p99BudgetMicros: 0);
        string ready = reporter.ReadyLine(900, new HeapReading(30_000, 60_000, 100_000));
        var repeats = new List<long>();
        for (int tick = 1; tick <= 25; tick++)
        {
            reporter.RequestServed(500);
            var lines = reporter.Tick(900 + tick * 1000, new HeapReading(31_000 + tick, 59_000, 99_000));
            if (lines.Contains(ready)) repeats.Add(tick);
            Assert.DoesNotContain(lines, l => l.Contains("ALARM", StringComparison.Ordinal));
        }
        Assert.Equal([10L, 20L], repeats);
    }

    [Fact]
    public void Alarm_clears_when_p99_comes_back_under_budget_and_idle_intervals_change_nothing()
    {
        var reporter = new DeviceReporter("0.1.0", "xtensa", 2, 300_000, 80, p99BudgetMicros: 10_000);
        var heap = new HeapReading(1, 1, 1);
        reporter.ReadyLine(0, heap);
        reporter.RequestServed(50_000);
        Assert.Contains(reporter.Tick(1000, heap), l => l.Contains("ALARM seq=1 budget=p99 state=raised", StringComparison.Ordinal));
        Assert.True(reporter.AlarmRaised);
        Assert.Single(reporter.Tick(2000, heap));
        Assert.True(reporter.AlarmRaised);
        reporter.RequestServed(2_000);
        Assert.Contains(reporter.Tick(3000, heap), l => l.Contains("ALARM seq=3 budget=p99 state=cleared", StringComparison.Ordinal));
        Assert.False(reporter.AlarmRaised);
    }
}
