namespace DeviceBench.Protocol;

/// <summary>
/// <c>READY</c>: the server listens; its memory now, before the first request, is the baseline. A Linux board sends
/// <see cref="Memory"/> (RSS and friends), a microcontroller <see cref="Heap"/>; a line with neither is not a READY.
/// </summary>
/// <param name="Pid">Absent on a microcontroller, which runs no processes.</param>
/// <param name="Threads">Absent where the subject cannot count its threads.</param>
public sealed record ReadyRecord(long? Pid, long? Port, long StartupMillis, MemoryFigures? Memory, long? Threads, HeapFigures? Heap = null) : IReportRecord
{
    public const string Name = "READY";

    public ReportLine ToLine()
    {
        var line = new ReportLine(Name).Add("pid", Pid).Add("port", Port).Add("startup_ms", StartupMillis);
        Memory?.WriteTo(line);
        Heap?.WriteTo(line);
        return line.Add("threads", Threads);
    }

    public static ReadyRecord? From(ReportLine line)
    {
        if (line.Record != Name) return null;
        var memory = MemoryFigures.ReadFrom(line);
        var heap = HeapFigures.ReadFrom(line);
        return memory is null && heap is null ? null
            : new ReadyRecord(line.GetInt64("pid"), line.GetInt64("port"), line.GetInt64("startup_ms") ?? 0, memory, line.GetInt64("threads"), heap);
    }
}
