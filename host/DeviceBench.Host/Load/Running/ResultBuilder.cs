using System.Globalization;

namespace DeviceBench.Host.Load.Running;

/// <summary>Turns the totals of a finished run into a <see cref="LoadResult"/>, with the engine's verdict on itself.</summary>
internal static class ResultBuilder
{
    // Above this share of its cores the engine had no headroom left: the server may have had more to give.
    private const double CpuBoundShare = 0.9;

    // An open-loop engine that sends 1 % of its requests more than 1 ms late no longer keeps the asked-for schedule.
    private const long LateSendMicros = 1_000;

    public static LoadResult Build(LoadOptions options, int threads, RunTimeline run, IntervalCollector collector,
        IReadOnlyList<Worker> workers, long fileLimit, List<string> warnings)
    {
        var measured = collector.Measured;
        var requests = collector.TotalLatency.TotalCount;
        var seconds = run.MeasuredSeconds;
        var rate = seconds > 0 ? requests / seconds : 0;
        var wallSeconds = Clock.ToSeconds(run.FinishedTicks - run.MeasurementStartTicks);
        var cpuPercent = wallSeconds > 0 ? Math.Round(collector.MeasuredCpu.TotalSeconds / wallSeconds * 100, 1) : 0;
        // Per thread, the share of wall time not spent waiting for events; summed, in units of one core like the CPU figure.
        var busyPercent = wallSeconds > 0
            ? Math.Round(Math.Max(0, (threads * wallSeconds) - Clock.ToSeconds(measured.WaitTicks)) / wallSeconds * 100, 1)
            : 0;
        var cores = Environment.ProcessorCount;
        var opened = workers.Sum(w => w.Counters.OpenedAtStart);
        bool cpuBound;
        if (options.IsOpenLoop)
        {
            var sendLag = collector.TotalSendLag!;
            var lateMicros = sendLag.TotalCount == 0 ? 0 : sendLag.GetValueAtPercentile(99);
            cpuBound = lateMicros > LateSendMicros;
            if (cpuBound)
            {
                warnings.Add(Format($"the load generator sent 1 % of its requests {lateMicros} µs or more late: it could not keep the schedule, so latency includes its own delay (add threads or cores)"));
            }

            if (requests > 0 && rate < options.RatePerSecond * 0.99)
            {
                warnings.Add(Format($"achieved {rate:F1} of the {options.RatePerSecond:F1} requests/s asked for: the server could not keep up (or connections failed); the corrected latency shows what that cost"));
            }
        }
        else
        {
            var busyCores = Math.Min(threads, cores);
            cpuBound = busyPercent >= CpuBoundShare * 100 * busyCores;
            if (cpuBound)
            {
                warnings.Add(Format($"the load generator was busy {busyPercent:F0} % of the {busyCores} core(s) it could use: it was probably the bottleneck, so requests/s measures it rather than the server (add threads or cores)"));
            }
        }

        if (opened < options.Connections)
        {
            warnings.Add(Format($"only {opened} of {options.Connections} connections were open when the load started"));
        }

        return new LoadResult
        {
            Settings = LoadSettings.From(options, threads),
            StartedUtc = run.StartedUtc,
            MeasuredSeconds = Math.Round(seconds, 6),
            StoppedBy = run.Cancelled ? "cancelled" : "duration",
            Requests = requests,
            RequestsPerSecond = Math.Round(rate, 1),
            BytesRead = measured.BytesRead,
            BytesWritten = measured.BytesWritten,
            Latency = LatencySummary.From(collector.TotalLatency, withDistribution: true),
            UncorrectedLatency = collector.TotalUncorrected is { } uncorrected ? LatencySummary.From(uncorrected, withDistribution: true) : null,
            SendLag = collector.TotalSendLag is { } lag ? LatencySummary.From(lag, withDistribution: false) : null,
            Errors = ErrorCounts.From(measured.Errors),
            Reconnects = measured.Reconnects,
            Unfinished = workers.Sum(w => w.Counters.Unfinished),
            Engine = new EngineHealth(cpuPercent, cores, cpuBound, opened, workers.Sum(w => w.Counters.AllocatedBytes), fileLimit, warnings, busyPercent,
                workers.Count > 0 && workers.All(w => w.Realtime)),
            Intervals = collector.Records,
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
