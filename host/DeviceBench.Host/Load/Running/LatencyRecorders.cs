using HdrHistogram;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// One worker's latency recorders. HdrHistogram's <see cref="Recorder"/> lets the worker record wait-free
/// while the coordinator swaps out each interval's histogram, so nothing is ever stored per request.
/// </summary>
internal sealed class LatencyRecorders
{
    /// <summary>One hour in microseconds: no response a benchmark waits for is longer.</summary>
    public const long HighestTrackableMicros = 3_600_000_000L;

    /// <summary>3 significant digits: 0.1 % resolution at every magnitude.</summary>
    public const int SignificantDigits = 3;

    public LatencyRecorders(bool openLoop)
    {
        Latency = Create();
        Uncorrected = openLoop ? Create() : null;
        SendLag = openLoop ? Create() : null;
    }

    /// <summary>Open loop: from each request's planned start (corrected). Closed loop: from its send.</summary>
    public Recorder Latency { get; }

    /// <summary>Open loop only: from the moment each request was actually sent.</summary>
    public Recorder? Uncorrected { get; }

    /// <summary>Open loop only: how late the engine sent requests it was free to send on time.</summary>
    public Recorder? SendLag { get; }

    public static LongHistogram CreateHistogram() => new(HighestTrackableMicros, SignificantDigits);

    private static Recorder Create() =>
        new(1, HighestTrackableMicros, SignificantDigits, (id, lowest, highest, digits) => new LongHistogram(id, lowest, highest, digits));
}
