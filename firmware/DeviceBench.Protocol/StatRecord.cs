namespace DeviceBench.Protocol;

/// <summary>
/// <c>STAT</c>: one report interval. Figures a subject cannot know (a watched process's requests, a board
/// without a temperature sensor, a microcontroller's CPU share) are null and their keys omitted, never sent as zero.
/// A Linux board sends <see cref="Memory"/>, a microcontroller <see cref="Heap"/>; a line with neither is not a STAT.
/// </summary>
public sealed record StatRecord : IReportRecord
{
    public const string Name = "STAT";

    public required long Seq { get; init; }
    public required long UptimeMillis { get; init; }
    public MemoryFigures? Memory { get; init; }
    public HeapFigures? Heap { get; init; }
    public long? CpuPct10 { get; init; }
    public long? Threads { get; init; }
    public long? GcCount { get; init; }
    public long? GcPauseMicros { get; init; }
    public long? Connections { get; init; }
    public long? Requests { get; init; }
    public long? RequestsPerSecond { get; init; }
    public LatencyFigures? Latency { get; init; }
    public long? TemperatureMilliCelsius { get; init; }
    /// <summary>Raspberry Pi firmware throttling flags (vcgencmd get_throttled), as sent: e.g. <c>0x50005</c>.</summary>
    public string? Throttled { get; init; }

    public ReportLine ToLine()
    {
        var line = new ReportLine(Name).Add("seq", Seq).Add("uptime_ms", UptimeMillis);
        Memory?.WriteTo(line);
        Heap?.WriteTo(line);
        line.Add("cpu_pct10", CpuPct10).Add("threads", Threads).Add("gc_count", GcCount).Add("gc_pause_us", GcPauseMicros)
            .Add("conns", Connections).Add("requests", Requests).Add("rps", RequestsPerSecond);
        Latency?.WriteTo(line);
        return line.Add("temp_mc", TemperatureMilliCelsius).Add("throttled", Throttled);
    }

    public static StatRecord? From(ReportLine line)
    {
        if (line.Record != Name || line.GetInt64("seq") is not { } seq) return null;
        var memory = MemoryFigures.ReadFrom(line);
        var heap = HeapFigures.ReadFrom(line);
        if (memory is null && heap is null) return null;
        return new StatRecord
        {
            Seq = seq,
            UptimeMillis = line.GetInt64("uptime_ms") ?? 0,
            Memory = memory,
            Heap = heap,
            CpuPct10 = line.GetInt64("cpu_pct10"),
            Threads = line.GetInt64("threads"),
            GcCount = line.GetInt64("gc_count"),
            GcPauseMicros = line.GetInt64("gc_pause_us"),
            Connections = line.GetInt64("conns"),
            Requests = line.GetInt64("requests"),
            RequestsPerSecond = line.GetInt64("rps"),
            Latency = LatencyFigures.ReadFrom(line),
            TemperatureMilliCelsius = line.GetInt64("temp_mc"),
            Throttled = line.Get("throttled"),
        };
    }
}
