using System.Globalization;
using DeviceBench.Host.Load;

namespace DeviceBench.Cli.Load;

/// <summary>The live view: one line rewritten in place every interval (requests, rate, errors, this interval's P99).</summary>
public sealed class ProgressLine(TextWriter terminal) : ILoadObserver
{
    public void OnInterval(LoadInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var r = interval.Record;
        var when = interval.IsWarmup ? "warm-up" : string.Create(CultureInfo.InvariantCulture, $"{r.ElapsedSeconds,6:F1} s");
        terminal.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{when}  requests {interval.TotalRequests,12:N0}  {r.RequestsPerSecond,10:N0} req/s  errors {interval.TotalErrors:N0}  p99 {(r.Requests == 0 ? LatencyText.NotMeasured : LatencyText.Format(r.LatencyP99Micros))}   "));
        terminal.Flush();
    }

    /// <summary>Erases the line so the summary starts clean.</summary>
    public static void Clear(TextWriter terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        terminal.Write("\r\u001b[2K");
        terminal.Flush();
    }
}
