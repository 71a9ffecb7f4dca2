namespace DeviceBench.Host.Reports;

/// <summary>One figure in run A and run B (medians), and B/A: below 1 means B needed less (memory, latency) or did less (req/s).</summary>
public readonly record struct ComparedFigure(double? A, double? B)
{
    public double? Ratio => A is { } a && B is { } b && a != 0 ? b / a : null;
}
