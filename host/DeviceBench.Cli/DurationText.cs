using System.Globalization;

namespace DeviceBench.Cli;

/// <summary>Durations as people type them: <c>30s</c>, <c>500ms</c>, <c>250us</c>, <c>2m</c>, <c>1h</c>, or bare seconds.</summary>
public static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Units =
        [("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("s", 1), ("m", 60), ("h", 3600)];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var (number, scale) = Units.Where(u => text.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(u => (text[..^u.Suffix.Length], u.Seconds))
            .DefaultIfEmpty((text, 1.0))
            .First();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }
}
