using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>
/// CPU one contender's process used, as its board sampled it (STAT <c>cpu_pct10</c>: percent of one core, so a busy
/// 4-core server reads 400 %), median over measured rounds: idle (settle), at the closed-loop maximum, and at each rate;
/// and requests per CPU-second at the maximum (max req/s ÷ cores busy), what a board's CPU budget buys.
/// </summary>
public sealed record CpuSummary(string Contender, Spread? IdlePercent, Spread? MaxPercent, Spread? RequestsPerCpuSecond, IReadOnlyList<Spread?> RatePercent)
{
    /// <summary>One per contender of the run, in its order; <see cref="RatePercent"/> follows <see cref="RunRecord.Rates"/>.</summary>
    public static IReadOnlyList<CpuSummary> Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Settings.Contenders.Select(contender =>
        {
            var sessions = run.Sessions.Where(s => s.Contender == contender && s.Round > 0 && s.Stats.Count > 0).ToList();
            var efficiency = sessions.Select(s => (Cpu: MeanPercent(s, PhaseResult.Max), Max: s.Phases.FirstOrDefault(p => p.Name == PhaseResult.Max)))
                .Where(x => x.Cpu > 0 && x.Max is not null).Select(x => x.Max!.Load.RequestsPerSecond / (x.Cpu!.Value / 100));
            return new CpuSummary(contender,
                Spread.Of(sessions.Select(s => MeanPercent(s, "settle")).OfType<double>()),
                Spread.Of(sessions.Select(s => MeanPercent(s, PhaseResult.Max)).OfType<double>()),
                Spread.Of(efficiency),
                [.. run.Rates.Select(rate => Spread.Of(sessions.Select(s => s.Phases.FirstOrDefault(p => p.TargetRate == rate) is { } phase
                    ? MeanPercent(s, phase.Name) : null).OfType<double>()))]);
        })];
    }

    /// <summary>
    /// The mean of the STATs taken during <paramref name="phase"/>, leaving out its first when there are more: that one
    /// covers the interval before the phase began. A reporter's first STAT (seq 1) has no interval behind it and reads 0
    /// whatever the process did: it never counts.
    /// </summary>
    internal static double? MeanPercent(ContenderSession session, string phase)
    {
        var stats = session.Stats.Where(t => t.Phase == phase && t.Stat.Seq > 1).ToList();
        if (stats.Count > 1) stats.RemoveAt(0);
        return stats.Count == 0 ? null : stats.Average(t => t.Stat.CpuPct10 / 10.0);
    }
}
