namespace DeviceBench.Host.Reports;

/// <summary>Median and range of one figure across rounds — how a report shows run-to-run spread.</summary>
public readonly record struct Spread(double Median, double Min, double Max, int Count)
{
    public static Spread? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }
}
