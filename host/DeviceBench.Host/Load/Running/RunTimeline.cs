namespace DeviceBench.Host.Load.Running;

/// <summary>
/// The run's clock on the coordinating thread: opens the start gate, closes an interval at every boundary
/// (the warm-up's end is always one), and closes the last interval once the workers have drained.
/// </summary>
internal sealed class RunTimeline(LoadOptions options, RunPlan plan, WaitHandle workersFinished)
{
    public DateTimeOffset StartedUtc { get; private set; }

    public long StartTicks { get; private set; }

    /// <summary>The instant the warm-up's histograms were discarded.</summary>
    public long MeasurementStartTicks { get; private set; }

    /// <summary>The planned end of sending.</summary>
    public long EndTicks { get; private set; }

    public long FinishedTicks { get; private set; }

    public bool Cancelled => plan.StopTicks < EndTicks;

    /// <summary>Sending time measured: from the warm-up's end to the planned end, or to an early stop.</summary>
    public double MeasuredSeconds => Math.Max(0, Clock.ToSeconds(Math.Min(EndTicks, plan.StopTicks) - MeasurementStartTicks));

    public void Drive(IntervalCollector collector)
    {
        var intervalTicks = Clock.TicksFrom(options.ReportInterval);
        StartedUtc = DateTimeOffset.UtcNow;
        StartTicks = Clock.Now;
        MeasurementStartTicks = StartTicks + Clock.TicksFrom(options.Warmup);
        EndTicks = MeasurementStartTicks + Clock.TicksFrom(options.Duration);
        plan.Start(StartTicks, EndTicks);

        var warmup = MeasurementStartTicks > StartTicks;
        var intervalStart = StartTicks;
        var next = warmup ? Math.Min(StartTicks + intervalTicks, MeasurementStartTicks) : StartTicks + intervalTicks;
        while (true)
        {
            // The last interval stretches to the end of the drain instead of leaving a sliver of a few milliseconds.
            var last = next >= EndTicks;
            var waitMillis = last ? Timeout.Infinite : (int)Math.Max(0, Math.Ceiling(Clock.ToSeconds(next - Clock.Now) * 1000));
            var done = workersFinished.WaitOne(waitMillis);
            var now = Clock.Now;
            if (!done && now < next)
            {
                continue;
            }

            collector.Collect(intervalStart, now, MeasurementStartTicks, warmup, UtcAt(intervalStart));
            if (done)
            {
                FinishedTicks = now;
                return;
            }

            if (warmup && next >= MeasurementStartTicks)
            {
                warmup = false;
                MeasurementStartTicks = now;
            }

            intervalStart = now;
            next = warmup ? Math.Min(next + intervalTicks, MeasurementStartTicks) : next + intervalTicks;
        }
    }

    private DateTimeOffset UtcAt(long ticks) => StartedUtc + TimeSpan.FromSeconds(Clock.ToSeconds(ticks - StartTicks));
}
