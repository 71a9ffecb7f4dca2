namespace DeviceBench.Protocol;

/// <summary><c>READY</c>: the server listens; its memory now, before the first request, is the baseline.</summary>
public sealed record ReadyRecord(long Pid, long? Port, long StartupMillis, MemoryFigures Memory, long Threads) : IReportRecord
{
    public const string Name = "READY";

    public ReportLine ToLine()
    {
        var line = new ReportLine(Name).Add("pid", Pid).Add("port", Port).Add("startup_ms", StartupMillis);
        Memory.WriteTo(line);
        return line.Add("threads", Threads);
    }

    public static ReadyRecord? From(ReportLine line) =>
        line.Record == Name && line.GetInt64("pid") is { } pid && MemoryFigures.ReadFrom(line) is { } memory
            ? new ReadyRecord(pid, line.GetInt64("port"), line.GetInt64("startup_ms") ?? 0, memory, line.GetInt64("threads") ?? 0)
            : null;
}
