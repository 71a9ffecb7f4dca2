using System.Globalization;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A service-level objective for the knee search (<c>--slo p99=2ms,errors=0.1%</c>): the corrected latency at
/// <see cref="Percentile"/> stays at or under <see cref="BoundMicros"/>, and at most <see cref="MaxErrorPercent"/> of
/// requests fail (0: none may).
/// </summary>
public sealed record Slo(double Percentile, long BoundMicros, double MaxErrorPercent = 0)
{
    /// <summary>Requests past the percentile a step must hold for the percentile to be a measurement, not one request's luck.</summary>
    public const int RequestsBeyondPercentile = 10;

    /// <summary>The corrected latency at <see cref="Percentile"/>: an exact figure where the summary keeps one, else the spectrum's first step at or above it.</summary>
    public long ValueMicros(LatencySummary latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        return Percentile switch
        {
            50 => latency.P50Micros,
            75 => latency.P75Micros,
            90 => latency.P90Micros,
            99 => latency.P99Micros,
            99.9 => latency.P999Micros,
            99.99 => latency.P9999Micros,
            _ => latency.Distribution?.FirstOrDefault(p => p.Percentile >= Percentile)?.ValueMicros ?? latency.MaxMicros,
        };
    }

    /// <summary>Failed requests over all requests the step sent (answered, failed or left unanswered), in percent.</summary>
    public static double ErrorPercent(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        long failed = result.Errors.Total + result.Unfinished;
        long sent = result.Requests + failed;
        return sent == 0 ? 0 : 100.0 * failed / sent;
    }

    /// <summary>Met only by a step that answered something, within the latency bound and the error bound.</summary>
    public bool IsMetBy(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Requests > 0 && ValueMicros(result.Latency) <= BoundMicros
            && (MaxErrorPercent == 0 ? result.Errors.Total + result.Unfinished == 0 : ErrorPercent(result) <= MaxErrorPercent);
    }

    /// <summary>How long a step at <paramref name="rate"/> lasts: <paramref name="least"/>, or long enough for <see cref="RequestsBeyondPercentile"/> requests past the percentile, up to <paramref name="most"/>.</summary>
    public TimeSpan StepDuration(double rate, TimeSpan least, TimeSpan most)
    {
        double needed = RequestsBeyondPercentile / (1 - (Percentile / 100)) / Math.Max(rate, LoadOptions.MinRatePerSecond);
        var duration = TimeSpan.FromSeconds(Math.Ceiling(needed));
        return duration < least ? least : duration > most ? most : duration;
    }

    /// <summary>As typed: <c>p99=2ms</c>, with <c>,errors=0.1%</c> when errors are allowed.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"p{Percentile:0.###}={FormatMicros(BoundMicros)}{(MaxErrorPercent > 0 ? $",errors={MaxErrorPercent:0.###}%" : "")}");

    private static string FormatMicros(long micros) => micros % 1000 == 0 ? $"{micros / 1000}ms" : $"{micros}us";

    /// <exception cref="ArgumentException">The percentile is not inside (0, 100), the bound not positive, or the error bound not within [0, 100).</exception>
    public void Validate()
    {
        if (!(Percentile > 0 && Percentile < 100)) throw new ArgumentException($"--slo: the percentile must be above 0 and below 100 (got {Percentile.ToString(CultureInfo.InvariantCulture)})");
        if (BoundMicros <= 0) throw new ArgumentException("--slo: the latency bound must be above 0");
        if (!(MaxErrorPercent >= 0 && MaxErrorPercent < 100)) throw new ArgumentException("--slo: the error bound must be from 0 % to below 100 %");
    }
}
