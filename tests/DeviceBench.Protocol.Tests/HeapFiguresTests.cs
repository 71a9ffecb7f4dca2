namespace DeviceBench.Protocol.Tests;

/// <summary>A microcontroller's memory: heap keys beside (never inside) the RSS keys, and what a record without either is.</summary>
public class HeapFiguresTests
{
    private static readonly HeapFigures Heap = new(41_200, 78_800, 150_000);

    [Fact]
    public void A_microcontrollers_ready_and_stat_round_trip_without_pid_threads_cpu_or_rss()
    {
        var ready = new ReadyRecord(null, 80, 1_850, null, null, Heap);
        Assert.Equal("#DB1 READY port=80 startup_ms=1850 heap_used_bytes=41200 heap_free_bytes=78800 native_free_bytes=150000",
            ready.ToLine().ToString()[..^6]);
        Assert.Equal(ready, ReadyRecord.From(Parse(ready.ToLine())));

        var stat = new StatRecord { Seq = 3, UptimeMillis = 3_000, Heap = Heap with { NativeFreeBytes = null }, Requests = 10, RequestsPerSecond = 5 };
        string line = stat.ToLine().ToString();
        Assert.DoesNotContain("rss_bytes", line, StringComparison.Ordinal);
        Assert.DoesNotContain("native_free_bytes", line, StringComparison.Ordinal);
        Assert.Equal(stat, StatRecord.From(Parse(stat.ToLine())));
    }

    [Fact]
    public void A_ready_or_stat_with_neither_rss_nor_heap_is_an_unknown_record()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(new ReportLine("READY").Add("port", 80).Add("startup_ms", 5).ToString()));
        Assert.Null(reader.Read(new ReportLine("STAT").Add("seq", 1).Add("uptime_ms", 5).Add("requests", 3).ToString()));
        Assert.Equal((2L, 0L), (reader.UnknownRecords, reader.ValidLines));
    }

    [Fact]
    public void A_linux_boards_line_carries_no_heap_and_parses_as_before()
    {
        var ready = new ReadyRecord(7, 8080, 35, new MemoryFigures(3_900_000, null, 1_200_000, 4_000_000), 3);
        var parsed = ReadyRecord.From(Parse(ready.ToLine()))!;
        Assert.Null(parsed.Heap);
        Assert.Equal(3_900_000, parsed.Memory!.Value.RssBytes);
    }

    private static ReportLine Parse(ReportLine line)
    {
        Assert.Equal(LineKind.Valid, ReportLine.TryParse(line.ToString(), out var parsed));
        return parsed!;
    }
}
