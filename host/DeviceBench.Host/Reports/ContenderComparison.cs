namespace DeviceBench.Host.Reports;

/// <summary>One contender that both runs measured: baseline RSS, peak RSS, max req/s, then p99 at each common rate.</summary>
public sealed record ContenderComparison(string Contender, IReadOnlyList<ComparedFigure> Figures);
