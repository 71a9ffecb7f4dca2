namespace DeviceBench.Protocol;

/// <summary><c>END</c>: the subject stopped. <paramref name="Reason"/> is a token: <c>signal</c>, <c>exited</c>, <c>error</c>.</summary>
public sealed record EndRecord(string Reason, long? ExitCode, long UptimeMillis, long? Requests, long HwmBytes) : IReportRecord
{
    public const string Name = "END";

    public ReportLine ToLine() => new ReportLine(Name).Add("reason", Reason).Add("exit_code", ExitCode)
        .Add("uptime_ms", UptimeMillis).Add("requests", Requests).Add("hwm_bytes", HwmBytes);

    public static EndRecord? From(ReportLine line) =>
        line.Record == Name && line.Get("reason") is { } reason
            ? new EndRecord(reason, line.GetInt64("exit_code"), line.GetInt64("uptime_ms") ?? 0, line.GetInt64("requests"), line.GetInt64("hwm_bytes") ?? 0)
            : null;
}
