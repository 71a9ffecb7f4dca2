using DeviceBench.Firmware.Engines;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Produces one STAT record per interval for a subject: the firmware itself (<c>serve</c>: its own GC and
/// <see cref="RequestMeter"/>) or a watched process (<c>watch</c>: its established connections counted from /proc by
/// <paramref name="countConnections"/>). Figures the subject cannot provide stay null so their keys are omitted.
/// </summary>
internal sealed class Sampler(ProcReader proc, BoardSensors? sensors, RequestMeter? meter, Func<int>? countConnections, bool ownGc)
{
    private readonly LatencyHistogram _interval = new();
    private readonly long _startTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
    private ProcessSample? _previous;
    private long _previousRequests;
    private long _seq;

    public TimeSpan Uptime => System.Diagnostics.Stopwatch.GetElapsedTime(_startTimestamp);

    public ProcessSample? ReadProcess() => proc.TryRead();

    /// <summary>Null when the subject process is gone.</summary>
    public StatRecord? Sample()
    {
        if (proc.TryRead() is not { } now) return null;
        long cpu = _previous is { } before ? CpuUsage.Pct10(before, now) : 0;
        double seconds = _previous is { } p ? System.Diagnostics.Stopwatch.GetElapsedTime(p.TakenTimestamp, now.TakenTimestamp).TotalSeconds : 0;
        _previous = now;
        long? requests = meter?.Requests;
        long? rps = requests is { } r && seconds > 0 ? (long)Math.Round((r - _previousRequests) / seconds) : requests is null ? null : 0;
        _previousRequests = requests ?? 0;
        LatencyFigures? latency = null;
        if (meter is not null)
        {
            _interval.Clear();
            meter.Latency.DrainInto(_interval);
            // No request this interval: no latency to report (keys omitted), and an alarm keeps its last state.
            if (_interval.TotalCount > 0)
                latency = new LatencyFigures(_interval.ValueAtPercentile(50), _interval.ValueAtPercentile(99),
                _interval.ValueAtPercentile(99.9), _interval.MaxValue);
        }
        return new StatRecord
        {
            Seq = ++_seq,
            UptimeMillis = (long)Uptime.TotalMilliseconds,
            Memory = now.Memory,
            CpuPct10 = cpu,
            Threads = now.Threads,
            GcCount = ownGc ? GC.CollectionCount(0) : null,
            GcPauseMicros = ownGc ? (long)GC.GetTotalPauseDuration().TotalMicroseconds : null,
            Connections = meter?.Connections ?? countConnections?.Invoke(),
            Requests = requests,
            RequestsPerSecond = rps,
            Latency = latency,
            TemperatureMilliCelsius = sensors?.TryReadTemperatureMilliCelsius(),
            Throttled = sensors?.TryReadThrottled(),
        };
    }
}
