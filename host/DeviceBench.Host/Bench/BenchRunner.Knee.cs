using System.Globalization;
using DeviceBench.Host.Boards;

namespace DeviceBench.Host.Bench;

public sealed partial class BenchRunner
{
    /// <summary>A knee step never lasts longer, whatever its percentile asks: p99.9 at 10 req/s would want 1,000 s.</summary>
    private static readonly TimeSpan LongestKneeStep = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Between knee steps the contender gets this long to drain what an overloaded step left queued, so one step's
    /// backlog is not charged to the next.
    /// </summary>
    private static readonly TimeSpan KneeRest = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Searches the highest open-loop rate that meets <see cref="BenchSettings.Slo"/>, from this session's closed-loop
    /// maximum down (<see cref="KneeSearch"/>). Each step warms up for at most a second (connections opened, caches
    /// warm), then measures for <see cref="Slo.StepDuration"/>; each is filed and saved as it ends.
    /// </summary>
    private async Task KneeAsync(SessionRecorder recorder, IRunningContender running, int port, CancellationToken cancellationToken)
    {
        var slo = settings.Slo!;
        double start = recorder.Session.Phases.Where(p => p.Name == PhaseResult.Max).Select(p => p.Load.RequestsPerSecond).DefaultIfEmpty(0).First();
        var knee = new KneeResult { Slo = slo, StartRate = start };
        recorder.Session.Knee = knee;
        if (start < KneeSearch.LowestRate)
        {
            knee.Conclusion = "no closed-loop maximum to start from";
            return;
        }
        var search = new KneeSearch(start, settings.KneeSteps);
        var warmup = settings.Warmup < TimeSpan.FromSeconds(1) ? settings.Warmup : TimeSpan.FromSeconds(1);
        while (search.NextRate is { } rate)
        {
            string phase = $"knee-{rate.ToString("0", CultureInfo.InvariantCulture)}";
            var duration = slo.StepDuration(rate, settings.KneeStep, LongestKneeStep);
            var (result, hlog) = await MeasureAsync(recorder, phase, Options(port, settings.Connections, rate, duration, warmup), cancellationToken).ConfigureAwait(false);
            bool met = slo.IsMetBy(result);
            search.Record(rate, met);
            knee.Steps.Add(new KneeStep(rate, slo.ValueMicros(result.Latency), Slo.ErrorPercent(result), met, result, hlog));
            folder.Save(Run);
            Event(string.Create(CultureInfo.InvariantCulture,
                $"{recorder.Session.Contender} {phase} ({duration.TotalSeconds:0} s): p{slo.Percentile:0.###} {slo.ValueMicros(result.Latency):#,0} µs, errors {Slo.ErrorPercent(result):0.###} %: {(met ? "met" : "missed")}"));
            await CheckAliveAsync(recorder, running, phase, cancellationToken).ConfigureAwait(false);
            recorder.Phase = "knee-rest";
            await Task.Delay(KneeRest, cancellationToken).ConfigureAwait(false);
        }
        knee.KneeRate = search.HighestMet;
        knee.Conclusion = search.Conclusion;
        folder.Save(Run);
        Event($"{recorder.Session.Contender} knee at {slo}: {(knee.KneeRate is { } k ? k.ToString("#,0", CultureInfo.InvariantCulture) + " req/s" : "none")} ({knee.Conclusion})");
    }
}
