namespace DeviceBench.Protocol;

/// <summary>
/// A protocol-v1 record: <see cref="BootRecord"/>, <see cref="ReadyRecord"/>, <see cref="StatRecord"/>,
/// <see cref="AlarmRecord"/> or <see cref="EndRecord"/>. Each formats itself as one line; <see cref="ReportReader"/>
/// parses a line back into one of them.
/// </summary>
public interface IReportRecord
{
    /// <summary>The line this record is sent as.</summary>
    ReportLine ToLine();
}
