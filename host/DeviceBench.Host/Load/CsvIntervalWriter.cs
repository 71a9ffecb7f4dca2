using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Load;

/// <summary>Writes the measured time series, one CSV row per interval, flushed as each interval ends.</summary>
public sealed class CsvIntervalWriter : ILoadObserver, IDisposable
{
    public const string Header = "elapsed_s,duration_s,requests,requests_per_s,errors,p50_us,p90_us,p99_us,max_us,uncorrected_p99_us,cpu_pct";

    private readonly StreamWriter _writer;

    public CsvIntervalWriter(Stream stream)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _writer.WriteLine(Header);
        _writer.Flush();
    }

    public void OnInterval(LoadInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (interval.IsWarmup)
        {
            return;
        }

        var r = interval.Record;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.ElapsedSeconds:F3},{r.DurationSeconds:F3},{r.Requests},{r.RequestsPerSecond:F1},{r.Errors},{r.LatencyP50Micros},{r.LatencyP90Micros},{r.LatencyP99Micros},{r.LatencyMaxMicros},{r.UncorrectedP99Micros},{r.CpuPercent:F1}"));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
