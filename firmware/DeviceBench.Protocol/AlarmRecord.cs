namespace DeviceBench.Protocol;

/// <summary><c>ALARM</c>: a budget (<c>p99</c>, <c>rss</c>, <c>temp</c>) started or stopped being exceeded.</summary>
/// <param name="Budget">Which budget: <c>p99</c> (µs), <c>rss</c> (bytes) or <c>temp</c> (m°C).</param>
/// <param name="Raised">True when the value went over the limit, false when it came back under.</param>
public sealed record AlarmRecord(long Seq, string Budget, bool Raised, long Value, long Limit) : IReportRecord
{
    public const string Name = "ALARM";

    public ReportLine ToLine() => new ReportLine(Name).Add("seq", Seq).Add("budget", Budget)
        .Add("state", Raised ? "raised" : "cleared").Add("value", Value).Add("limit", Limit);

    public static AlarmRecord? From(ReportLine line) =>
        line.Record == Name && line.Get("budget") is { } budget && line.Get("state") is "raised" or "cleared"
            ? new AlarmRecord(line.GetInt64("seq") ?? 0, budget, line.Get("state") == "raised",
                line.GetInt64("value") ?? 0, line.GetInt64("limit") ?? 0)
            : null;
}
