namespace DeviceBench.Protocol;

/// <summary>Turns received lines into records, counting what it skips: noise (boot logs), corrupt lines, unknown records.</summary>
public sealed class ReportReader
{
    public long ValidLines { get; private set; }
    public long CorruptLines { get; private set; }
    public long NoiseLines { get; private set; }
    public long UnknownRecords { get; private set; }

    /// <summary>Returns the record the line carries (<see cref="BootRecord"/>, <see cref="StatRecord"/>, …) or null.</summary>
    public IReportRecord? Read(string line)
    {
        switch (ReportLine.TryParse(line, out var parsed))
        {
            case LineKind.Noise: NoiseLines++; return null;
            case LineKind.Corrupt: CorruptLines++; return null;
        }
        IReportRecord? record = parsed!.Record switch
        {
            BootRecord.Name => BootRecord.From(parsed),
            ReadyRecord.Name => ReadyRecord.From(parsed),
            StatRecord.Name => StatRecord.From(parsed),
            AlarmRecord.Name => AlarmRecord.From(parsed),
            EndRecord.Name => EndRecord.From(parsed),
            _ => null,
        };
        if (record is null) UnknownRecords++;
        else ValidLines++;
        return record;
    }
}
