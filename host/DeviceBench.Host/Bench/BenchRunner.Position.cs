namespace DeviceBench.Host.Bench;

public sealed partial class BenchRunner
{
    private int _phasesStarted;
    private TimeSpan _plannedSoFar;

    /// <summary>Tells the watcher where the run is, and counts the phase and (with its first phase) its session as begun.</summary>
    private void PhaseStarting(string contender, int round, string phase, TimeSpan duration)
    {
        var cost = settings.Warmup + duration + (phase == PhaseResult.Max ? settings.Settle + settings.Cooldown : TimeSpan.Zero);
        var (phases, total) = Planned();
        _phasesStarted++;
        var left = total - _plannedSoFar;
        _plannedSoFar += cost;
        progress?.PhaseStarting(new BenchPosition(_phasesStarted, phases, contender, round, phase, left > TimeSpan.Zero ? left : TimeSpan.Zero));
    }

    /// <summary>Every load phase the run will measure and the time they take by the settings (calibration included when rates are not fixed).</summary>
    private (int Phases, TimeSpan Time) Planned()
    {
        int contenders = settings.Contenders.Count;
        int rates = Run.Rates.Count > 0 ? Run.Rates.Count : settings.Rates.Count > 0 ? settings.Rates.Count : settings.RateFractions.Count;
        var session = settings.Settle + settings.Cooldown + settings.Warmup + settings.MaxDuration;
        var measured = session + rates * (settings.Warmup + settings.RateDuration);
        bool calibrating = settings.Rates.Count == 0;
        int phases = (calibrating ? contenders : 0) + settings.Rounds * contenders * (1 + rates);
        var time = (calibrating ? contenders * session : TimeSpan.Zero) + settings.Rounds * contenders * measured;
        return (phases, time);
    }
}
