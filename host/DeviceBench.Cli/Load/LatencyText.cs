using System.Globalization;

namespace DeviceBench.Cli.Load;

/// <summary>Microseconds in the unit a reader takes in at a glance: µs below 1 ms, ms below 1 s, then s.</summary>
public static class LatencyText
{
    /// <summary>Shown for a latency no request measured: "0 µs" would read as an impossibly fast server.</summary>
    public const string NotMeasured = "-";

    public static string Format(double micros) => micros switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{micros:F0} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000:F2} s"),
    };
}
