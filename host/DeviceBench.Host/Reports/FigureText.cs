using System.Globalization;

namespace DeviceBench.Host.Reports;

/// <summary>
/// How every report (terminal, Markdown, HTML, comparison) writes a figure: invariant culture, the unit in the text,
/// and a median followed by its min–max range only when rounds disagree.
/// </summary>
public static class FigureText
{
    private const double BytesPerMegabyte = 1024 * 1024;

    public static string Megabytes(Spread? bytes) => bytes is { } s ? Range(s, MegabytesOf) + " MB" : "-";

    /// <summary>A microcontroller's heap is kilobytes: megabytes would round it to 0.0.</summary>
    public static string Kilobytes(Spread? bytes) => bytes is { } s ? Range(s, b => (b / 1024).ToString("0.0", CultureInfo.InvariantCulture)) + " kB" : "-";

    public static string MegabytesOf(double bytes) => (bytes / BytesPerMegabyte).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Count(Spread? value) => value is { } s ? Range(s, Whole) : "-";

    public static string Latency(Spread? micros) => micros is { } s ? Range(s, Micros) : "-";

    /// <summary>Microseconds below 1 ms, milliseconds above, with the precision a reader can use.</summary>
    public static string Micros(double micros) => micros >= 10_000 ? (micros / 1000).ToString("0", CultureInfo.InvariantCulture) + " ms"
        : micros >= 1000 ? (micros / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms"
        : micros.ToString("0", CultureInfo.InvariantCulture) + " us";

    public static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Temperature(long? milliCelsius) =>
        milliCelsius is { } t ? (t / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " °C" : "-";

    /// <summary>B/A as "0.52x"; "-" when either side is missing or A is zero.</summary>
    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Range(Spread s, Func<double, string> format) =>
        s.Count > 1 && s.Min != s.Max ? $"{format(s.Median)} ({format(s.Min)}–{format(s.Max)})" : format(s.Median);
}
