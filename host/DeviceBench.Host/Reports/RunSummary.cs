using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>Reduces a run record to one row per contender, the shape every report (terminal, Markdown, HTML) prints.</summary>
public static class RunSummary
{
    public static IReadOnlyList<ContenderSummary> Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Settings.Contenders.Select(name => Summarise(run, name))];
    }

    private static ContenderSummary Summarise(RunRecord run, string contender)
    {
        var sessions = run.Sessions.Where(s => s.Contender == contender && s.Round > 0).ToList();
        var measured = sessions.Where(s => s.Phases.Count > 0 || s.Ready is not null).ToList();
        var rates = run.Rates.Select(rate =>
        {
            var phases = measured.SelectMany(s => s.Phases).Where(p => p.TargetRate == rate).Select(p => p.Load.Latency).ToList();
            return new RateSummary(rate, Spread.Of(phases.Select(l => (double)l.P50Micros)), Spread.Of(phases.Select(l => (double)l.P99Micros)),
                Spread.Of(phases.Select(l => (double)l.P999Micros)));
        }).ToList();
        var stats = measured.SelectMany(s => s.Stats).ToList();
        return new ContenderSummary(
            contender,
            sessions.Count,
            sessions.Count(s => s.Status != SessionStatus.Ok),
            Spread.Of(measured.Where(s => s.Ready?.Memory is not null).Select(s => (double)s.Ready!.Memory!.Value.RssBytes)),
            Spread.Of(measured.Where(s => s.Stats.Any(t => t.Stat.Memory is not null))
                .Select(s => (double)s.Stats.Where(t => t.Stat.Memory is not null).Max(t => t.Stat.Memory!.Value.HwmBytes))),
            Spread.Of(measured.SelectMany(s => s.Phases).Where(p => p.Name == PhaseResult.Max).Select(p => p.Load.RequestsPerSecond)),
            rates,
            measured.SelectMany(s => s.Phases).Sum(p => p.Load.Errors.Total),
            Spread.Of(measured.Select(s => s.Stats.Where(t => t.Phase == PhaseResult.Max && t.Stat.Latency is not null).Select(t => (double)t.Stat.Latency!.Value.P99Micros))
                .Where(p99s => p99s.Any()).Select(p99s => Spread.Of(p99s)!.Value.Median)),
            stats.Max(t => t.Stat.TemperatureMilliCelsius),
            stats.Any(t => t.Stat.Throttled is { } flags && flags != "0x0"),
            Spread.Of(measured.Where(s => s.Ready?.Heap is not null).Select(s => (double)s.Ready!.Heap!.Value.ManagedUsedBytes)),
            Spread.Of(measured.Where(s => s.Stats.Any(t => t.Stat.Heap is not null))
                .Select(s => (double)s.Stats.Where(t => t.Stat.Heap is not null).Max(t => t.Stat.Heap!.Value.ManagedUsedBytes))));
    }
}
