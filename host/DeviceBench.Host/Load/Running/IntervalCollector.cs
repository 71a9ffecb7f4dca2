using HdrHistogram;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// The coordinator's side of a run: at every interval boundary it swaps each worker's recorders out,
/// merges them, feeds the observer and, once the warm-up is over, adds them to the run's totals.
/// Everything it keeps is a fixed set of histograms and one small record per interval.
/// </summary>
internal sealed class IntervalCollector
{
    private readonly IReadOnlyList<Worker> _workers;
    private readonly ILoadObserver? _observer;
    private readonly LongHistogram _scratch = LatencyRecorders.CreateHistogram();
    private readonly LongHistogram _interval = LatencyRecorders.CreateHistogram();
    private readonly LongHistogram? _intervalUncorrected;
    private readonly LongHistogram? _intervalSendLag;
    private readonly List<IntervalRecord> _records = [];
    private CounterSnapshot _previous = CounterSnapshot.Empty;
    private TimeSpan _previousCpu = Environment.CpuUsage.TotalTime;

    public IntervalCollector(IReadOnlyList<Worker> workers, bool openLoop, ILoadObserver? observer)
    {
        _workers = workers;
        _observer = observer;
        if (openLoop)
        {
            _intervalUncorrected = LatencyRecorders.CreateHistogram();
            _intervalSendLag = LatencyRecorders.CreateHistogram();
            TotalUncorrected = LatencyRecorders.CreateHistogram();
            TotalSendLag = LatencyRecorders.CreateHistogram();
        }
    }

    public LongHistogram TotalLatency { get; } = LatencyRecorders.CreateHistogram();

    public LongHistogram? TotalUncorrected { get; }

    public LongHistogram? TotalSendLag { get; }

    /// <summary>Counters over the measurement only.</summary>
    public CounterSnapshot Measured { get; private set; } = CounterSnapshot.Empty;

    public TimeSpan MeasuredCpu { get; private set; }

    public IReadOnlyList<IntervalRecord> Records => _records;

    /// <summary>Closes the interval [<paramref name="startTicks"/>, <paramref name="endTicks"/>).</summary>
    /// <param name="measurementStartTicks">Where elapsed time counts from.</param>
    public void Collect(long startTicks, long endTicks, long measurementStartTicks, bool isWarmup, DateTimeOffset startUtc)
    {
        Swap(r => r.Latency, _interval, isWarmup ? null : TotalLatency);
        if (_intervalUncorrected is not null)
        {
            Swap(r => r.Uncorrected!, _intervalUncorrected, isWarmup ? null : TotalUncorrected);
            Swap(r => r.SendLag!, _intervalSendLag!, isWarmup ? null : TotalSendLag);
        }

        var counters = _workers.Select(w => w.Counters.Read()).Aggregate(CounterSnapshot.Empty, (sum, c) => sum.Plus(c));
        var delta = counters.Minus(_previous);
        _previous = counters;
        var cpu = Environment.CpuUsage.TotalTime;
        var cpuDelta = cpu - _previousCpu;
        _previousCpu = cpu;
        if (!isWarmup)
        {
            Measured = Measured.Plus(delta);
            MeasuredCpu += cpuDelta;
        }

        var seconds = Clock.ToSeconds(endTicks - startTicks);
        var record = new IntervalRecord(
            Math.Round(Clock.ToSeconds(endTicks - measurementStartTicks), 6),
            Math.Round(seconds, 6),
            _interval.TotalCount,
            seconds > 0 ? _interval.TotalCount / seconds : 0,
            delta.TotalErrors,
            ValueAt(_interval, 50),
            ValueAt(_interval, 90),
            ValueAt(_interval, 99),
            _interval.GetMaxValue(),
            _intervalUncorrected is null ? null : ValueAt(_intervalUncorrected, 99),
            seconds > 0 ? Math.Round(cpuDelta.TotalSeconds / seconds * 100, 1) : 0);
        if (!isWarmup)
        {
            _records.Add(record);
        }

        _observer?.OnInterval(new LoadInterval
        {
            IsWarmup = isWarmup,
            StartUtc = startUtc,
            Record = record,
            TotalRequests = TotalLatency.TotalCount,
            TotalErrors = Measured.TotalErrors,
            Latency = _interval,
            UncorrectedLatency = _intervalUncorrected,
        });
    }

    private static long ValueAt(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile);

    private void Swap(Func<LatencyRecorders, Recorder> recorder, LongHistogram merged, LongHistogram? total)
    {
        merged.Reset();
        foreach (var worker in _workers)
        {
            recorder(worker.Recorders).GetIntervalHistogramInto(_scratch);
            merged.Add(_scratch);
        }

        total?.Add(merged);
    }
}
