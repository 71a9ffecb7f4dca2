using System.Globalization;
using DeviceBench.Host.Bench;

namespace DeviceBench.Cli;

/// <summary>
/// An objective as people write one: <c>p99=2ms</c>, <c>p99.9=500us</c>, with an error bound <c>p99=2ms,errors=0.1%</c>.
/// Without <c>errors=</c>, no request may fail.
/// </summary>
public static class SloText
{
    /// <exception cref="FormatException">What is wrong, in the option's terms.</exception>
    public static Slo Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? percentile = null;
        long bound = 0;
        double errors = 0;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? part : part[..equals].Trim();
            string value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            if (key.Equals("errors", StringComparison.OrdinalIgnoreCase))
            {
                if (!double.TryParse(value.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out errors) || !value.EndsWith('%'))
                    throw new FormatException($"--slo: '{part}' is not an error bound (e.g. errors=0.1%)");
            }
            else if (key.Length > 1 && (key[0] is 'p' or 'P') && double.TryParse(key[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out double p))
            {
                if (!DurationText.TryParse(value, out var duration) || duration < TimeSpan.FromMicroseconds(1))
                    throw new FormatException($"--slo: '{value}' is not a latency bound (e.g. 2ms, 500us)");
                percentile = p;
                bound = (long)Math.Round(duration.TotalMicroseconds);
            }
            else
            {
                throw new FormatException($"--slo: '{part}' is not pNN=LATENCY or errors=N% (e.g. p99=2ms,errors=0.1%)");
            }
        }
        if (percentile is null) throw new FormatException($"--slo: '{text}' names no percentile (e.g. p99=2ms)");
        var slo = new Slo(percentile.Value, bound, errors);
        try { slo.Validate(); }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
        return slo;
    }
}
