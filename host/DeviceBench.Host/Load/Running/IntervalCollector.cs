using HdrHistogram;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// The coordinator's side of a run: at every interval boundary it swaps each worker's recorders out,
/// merges them, feeds the observer and, once the warm-up is over, adds them to the run's totals.
/// Everything it keeps is a fixed set of histograms and one small record per interval.
/// </summary>
internal sealed class IntervalCollector
{
    private readonly IReadOnlyList<Worker> workers;
    private readonly ILoadObserver? observer;
    private readonly LongHistogram scratch = LatencyRecorders.CreateHistogram();
    private readonly LongHistogram interval = LatencyRecorders.CreateHistogram();
    private readonly LongHistogram? intervalUncorrected;
    private readonly LongHistogram? intervalSendLag;
    private readonly List<IntervalRecord> records = [];
    private CounterSnapshot previous = CounterSnapshot.Empty;
    private TimeSpan previousCpu = Environment.CpuUsage.TotalTime;

    public IntervalCollector(IReadOnlyList<Worker> workers, bool openLoop, ILoadObserver? observer)
    {
        this.workers = workers;
        this.observer = observer;
        if (openLoop)
        {
            intervalUncorrected = LatencyRecorders.CreateHistogram();
            intervalSendLag = LatencyRecorders.CreateHistogram();
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

    public IReadOnlyList<IntervalRecord> Records => records;

    /// <summary>Closes the interval [<paramref name="startTicks"/>, <paramref name="endTicks"/>).</summary>
    /// <param name="measurementStartTicks">Where elapsed time counts from.</param>
    public void Collect(long startTicks, long endTicks, long measurementStartTicks, bool isWarmup, DateTimeOffset startUtc)
    {
        Swap(r => r.Latency, interval, isWarmup ? null : TotalLatency);
        if (intervalUncorrected is not null)
        {
            Swap(r => r.Uncorrected!, intervalUncorrected, isWarmup ? null : TotalUncorrected);
            Swap(r => r.SendLag!, intervalSendLag!, isWarmup ? null : TotalSendLag);
        }

        var counters = workers.Select(w => w.Counters.Read()).Aggregate(CounterSnapshot.Empty, (sum, c) => sum.Plus(c));
        var delta = counters.Minus(previous);
        previous = counters;
        var cpu = Environment.CpuUsage.TotalTime;
        var cpuDelta = cpu - previousCpu;
        previousCpu = cpu;
        if (!isWarmup)
        {
            Measured = Measured.Plus(delta);
            MeasuredCpu += cpuDelta;
        }

        var seconds = Clock.ToSeconds(endTicks - startTicks);
        var record = new IntervalRecord(
            Math.Round(Clock.ToSeconds(endTicks - measurementStartTicks), 6),
            Math.Round(seconds, 6),
            interval.TotalCount,
            seconds > 0 ? interval.TotalCount / seconds : 0,
            delta.TotalErrors,
            ValueAt(interval, 50),
            ValueAt(interval, 90),
            ValueAt(interval, 99),
            interval.GetMaxValue(),
            intervalUncorrected is null ? null : ValueAt(intervalUncorrected, 99),
            seconds > 0 ? Math.Round(cpuDelta.TotalSeconds / seconds * 100, 1) : 0);
        if (!isWarmup)
        {
            records.Add(record);
        }

        observer?.OnInterval(new LoadInterval
        {
            IsWarmup = isWarmup,
            StartUtc = startUtc,
            Record = record,
            TotalRequests = TotalLatency.TotalCount,
            TotalErrors = Measured.TotalErrors,
            Latency = interval,
            UncorrectedLatency = intervalUncorrected,
        });
    }

    private static long ValueAt(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile);

    private void Swap(Func<LatencyRecorders, Recorder> recorder, LongHistogram merged, LongHistogram? total)
    {
        merged.Reset();
        foreach (var worker in workers)
        {
            recorder(worker.Recorders).GetIntervalHistogramInto(scratch);
            merged.Add(scratch);
        }

        total?.Add(merged);
    }
}
