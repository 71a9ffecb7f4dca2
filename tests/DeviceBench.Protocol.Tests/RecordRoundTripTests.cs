namespace DeviceBench.Protocol.Tests;

public class RecordRoundTripTests
{
    private static readonly MemoryFigures Memory = new(3_900_000, 3_100_000, 1_200_000, 4_000_000);

    private static T RoundTrip<T>(ReportLine line, Func<ReportLine, T?> from) where T : class
    {
        Assert.Equal(LineKind.Valid, ReportLine.TryParse(line.ToString(), out var parsed));
        return from(parsed!) ?? throw new InvalidOperationException("record did not parse");
    }

    [Fact]
    public void Boot_round_trips()
    {
        var boot = new BootRecord("0.1.0", "watch", "rust-hyper", 42, "arm64", 4, 512L << 20);
        Assert.Equal(boot, RoundTrip(boot.ToLine(), BootRecord.From));
    }

    [Fact]
    public void Ready_round_trips_with_and_without_port()
    {
        var ready = new ReadyRecord(7, 8080, 35, Memory, 3);
        Assert.Equal(ready, RoundTrip(ready.ToLine(), ReadyRecord.From));
        var noPort = ready with { Port = null, Memory = Memory with { PssBytes = null } };
        Assert.Equal(noPort, RoundTrip(noPort.ToLine(), ReadyRecord.From));
        Assert.DoesNotContain("port=", noPort.ToLine().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stat_round_trips_every_field()
    {
        var stat = new StatRecord
        {
            Seq = 12, UptimeMillis = 12_001, Memory = Memory, CpuPct10 = 995, Threads = 2, GcCount = 3, GcPauseMicros = 1500,
            Connections = 64, Requests = 1_000_000, RequestsPerSecond = 150_000,
            Latency = new LatencyFigures(80, 410, 900, 2100), TemperatureMilliCelsius = 51_540, Throttled = "0x50005",
        };
        Assert.Equal(stat, RoundTrip(stat.ToLine(), StatRecord.From));
    }

    [Fact]
    public void Stat_omits_figures_the_subject_does_not_have()
    {
        var stat = new StatRecord { Seq = 1, UptimeMillis = 1000, Memory = Memory, CpuPct10 = 0, Threads = 1 };
        string text = stat.ToLine().ToString();
        foreach (string key in new[] { "gc_count", "conns", "requests", "rps", "p99_us", "temp_mc", "throttled" })
            Assert.DoesNotContain(key + "=", text, StringComparison.Ordinal);
        var back = RoundTrip(stat.ToLine(), StatRecord.From);
        Assert.Null(back.TemperatureMilliCelsius);
        Assert.Null(back.Latency);
        Assert.Equal(stat, back);
    }

    [Fact]
    public void Alarm_and_end_round_trip()
    {
        var alarm = new AlarmRecord(9, "rss", true, 30_000_000, 20_000_000);
        Assert.Equal(alarm, RoundTrip(alarm.ToLine(), AlarmRecord.From));
        var end = new EndRecord("exited", 3, 9000, null, 5_000_000);
        Assert.Equal(end, RoundTrip(end.ToLine(), EndRecord.From));
    }

    [Fact]
    public void A_value_with_a_space_cannot_be_formatted() =>
        Assert.Throws<ArgumentException>(() => new ReportLine("BOOT").Add("subject", "two words"));

    [Fact]
    public void A_key_that_is_not_snake_case_cannot_be_formatted() =>
        Assert.Throws<ArgumentException>(() => new ReportLine("BOOT").Add("RssBytes", 1));
}
