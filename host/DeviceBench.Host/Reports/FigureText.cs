using System.Globalization;

namespace DeviceBench.Host.Reports;

/// <summary>
/// How every report (terminal, Markdown, HTML, comparison) writes a figure: invariant culture, thousands separators,
/// one spelling per unit (MiB for memory, which is counted in 2^20 bytes; µs and ms for latency), and a median
/// followed by its min–max range only when rounds disagree, the range in the median's unit.
/// </summary>
public static class FigureText
{
    private const double BytesPerMebibyte = 1024 * 1024;

    /// <summary>Memory as "3.8 MiB", or "3.8 (3.7–3.9) MiB" across rounds.</summary>
    public static string Mebibytes(Spread? bytes) => bytes is { } s ? Range(s, MebibytesOf, MebibytesOf) + " MiB" : "-";

    public static string Mebibytes(double bytes) => MebibytesOf(bytes) + " MiB";

    /// <summary>A microcontroller's heap is kilobytes: MiB would round it to 0.0.</summary>
    public static string Kilobytes(Spread? bytes) => bytes is { } s ? Range(s, KilobytesOf, KilobytesOf) + " kB" : "-";

    private static string KilobytesOf(double bytes) => (bytes / 1024).ToString("#,0.0", CultureInfo.InvariantCulture);

    /// <summary>The number of MiB without the unit, one decimal.</summary>
    public static string MebibytesOf(double bytes) => (bytes / BytesPerMebibyte).ToString("#,0.0", CultureInfo.InvariantCulture);

    /// <summary>A count or rate as "118,050", or "118,050 (117k–119k)" across rounds: the range short enough for an 80-column table.</summary>
    public static string Count(Spread? value) => value is { } s ? Range(s, Thousands, Short) : "-";

    /// <summary>A latency as "950 µs" or "1.2 ms (1.1–1.5)": the range in the median's unit.</summary>
    public static string Latency(Spread? micros)
    {
        if (micros is not { } s) return "-";
        var (scale, format, unit) = LatencyUnit(s.Median);
        return Range(s, v => (v / scale).ToString(format, CultureInfo.InvariantCulture), v => (v / scale).ToString(format, CultureInfo.InvariantCulture)) + " " + unit;
    }

    /// <summary>Microseconds below 1 ms, milliseconds above, with the precision a reader can use.</summary>
    public static string Micros(double micros)
    {
        var (scale, format, unit) = LatencyUnit(micros);
        return (micros / scale).ToString(format, CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>A whole number as a name or file name writes it (<c>rate-1000</c>, <c>latency-1000.png</c>): no separators.</summary>
    public static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number for a reader: "118,050".</summary>
    public static string Thousands(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Temperature(long? milliCelsius) =>
        milliCelsius is { } t ? (t / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " °C" : "-";

    /// <summary>B/A as "0.52x"; "-" when either side is missing or A is zero.</summary>
    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("#,0.00", CultureInfo.InvariantCulture) + "x" : "-";

    /// <summary>A signed change in percent: "+12.3 %", "-4.0 %".</summary>
    public static string Percent(double percent) => percent.ToString("+#,0.0;-#,0.0;0.0", CultureInfo.InvariantCulture) + " %";

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static (double Scale, string Format, string Unit) LatencyUnit(double micros) =>
        micros >= 10_000 ? (1000, "#,0", "ms") : micros >= 1000 ? (1000, "0.0", "ms") : (1, "#,0", "µs");

    /// <summary>Three significant figures with k or M past 10,000: "117k", "12.3k", "1.25M".</summary>
    private static string Short(double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude < 10_000) return Thousands(value);
        var (scaled, suffix) = magnitude >= 1_000_000 ? (value / 1_000_000, "M") : (value / 1000, "k");
        string format = Math.Abs(scaled) >= 100 ? "0" : Math.Abs(scaled) >= 10 ? "0.0" : "0.00";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The median, then the range when the rounds differ as written: "4.2 (4.2–4.2) MiB" would say nothing.</summary>
    private static string Range(Spread s, Func<double, string> median, Func<double, string> bound)
    {
        string low = bound(s.Min), high = bound(s.Max);
        return s.Count > 1 && low != high ? $"{median(s.Median)} ({low}–{high})" : median(s.Median);
    }
}
