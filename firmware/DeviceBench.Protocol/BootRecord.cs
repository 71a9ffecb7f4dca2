namespace DeviceBench.Protocol;

/// <summary><c>BOOT</c>: the reporter started. Seen in the middle of a run, it means the board (or the firmware) reset.</summary>
/// <param name="Mode"><c>serve</c> (the firmware measures itself) or <c>watch</c> (it measures another process).</param>
/// <param name="Pid">Absent on a microcontroller, which runs no processes.</param>
/// <param name="Subject">The engine (<c>kestrel</c>, <c>minimal</c>) or the watched contender's name.</param>
public sealed record BootRecord(string FirmwareVersion, string Mode, string Subject, long? Pid, string Arch, long Cores, long MemTotalBytes) : IReportRecord
{
    public const string Name = "BOOT";

    public ReportLine ToLine() => new ReportLine(Name).Add("fw", FirmwareVersion).Add("mode", Mode).Add("subject", Subject)
        .Add("pid", Pid).Add("arch", Arch).Add("cores", Cores).Add("mem_total_bytes", MemTotalBytes);

    public static BootRecord? From(ReportLine line) =>
        line.Record == Name && line.Get("fw") is { } fw && line.Get("mode") is { } mode && line.Get("subject") is { } subject
            ? new BootRecord(fw, mode, subject, line.GetInt64("pid"), line.Get("arch") ?? "unknown",
                line.GetInt64("cores") ?? 0, line.GetInt64("mem_total_bytes") ?? 0)
            : null;
}
