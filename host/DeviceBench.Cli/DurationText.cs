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
        // Past TimeSpan's range (about 29,000 years) TimeSpan.FromSeconds throws instead of saying no.
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0
            || !double.IsFinite(value) || value * scale >= TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    /// <summary>The shortest exact text in the units <see cref="TryParse"/> reads: <c>24h</c>, <c>90s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var (value, suffix) = duration switch
        {
            { Ticks: 0 } => (0.0, "s"),
            _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => (duration.TotalHours, "h"),
            _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => (duration.TotalMinutes, "m"),
            _ when duration.Ticks % TimeSpan.TicksPerSecond == 0 => (duration.TotalSeconds, "s"),
            _ when duration.Ticks % TimeSpan.TicksPerMillisecond == 0 => (duration.TotalMilliseconds, "ms"),
            _ => (duration.TotalMicroseconds, "us"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#}{suffix}");
    }
}
