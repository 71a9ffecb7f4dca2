namespace DeviceBench.Host.Bench;

/// <summary>
/// Which open-loop rate to try next when looking for the highest rate that meets an objective. The first step is the
/// contender's closed-loop maximum; while no step has met the objective the rate halves, while none has missed it the
/// rate climbs by a quarter (up to <see cref="Headroom"/>× the start: a maximum measured through a hiccup is too low,
/// and the search must not be capped by it), then it bisects between the highest rate that met it and the lowest that
/// did not. It stops once those two are within <see cref="Tolerance"/> of
/// each other, or after <see cref="MaxSteps"/> steps. Pure arithmetic, so every branch is testable without a server.
/// </summary>
public sealed class KneeSearch
{
    /// <summary>Below one request a second a step of any sane length measures nothing.</summary>
    public const double LowestRate = 1;

    /// <summary>How far above the start rate the search climbs while every step meets the objective.</summary>
    public const double Headroom = 2;

    private readonly double _startRate;
    private int _steps;

    /// <param name="startRate">The contender's closed-loop maximum (requests/s): the knee is not above it.</param>
    /// <param name="tolerance">Stop when (failed − met) / failed is at most this (0.05: within 5 %).</param>
    public KneeSearch(double startRate, int maxSteps = 8, double tolerance = 0.05)
    {
        if (!(startRate >= LowestRate)) throw new ArgumentOutOfRangeException(nameof(startRate), "the start rate must be at least 1 request/s");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        if (!(tolerance > 0 && tolerance < 1)) throw new ArgumentOutOfRangeException(nameof(tolerance));
        _startRate = startRate;
        MaxSteps = maxSteps;
        Tolerance = tolerance;
    }

    public int MaxSteps { get; }

    public double Tolerance { get; }

    /// <summary>The highest rate that met the objective so far; null while none has.</summary>
    public double? HighestMet { get; private set; }

    /// <summary>The lowest rate that missed it so far; null while none has.</summary>
    public double? LowestMissed { get; private set; }

    /// <summary>The rate of the next step (whole requests/s), or null when the search is over.</summary>
    public double? NextRate
    {
        get
        {
            if (_steps == 0) return Math.Round(_startRate);
            if (_steps >= MaxSteps) return null;
            if (LowestMissed is not { } missed)
            {
                double up = Math.Round(HighestMet!.Value * 1.25);
                return up <= Math.Round(_startRate * Headroom) ? up : null;
            }
            if (HighestMet is not { } met)
            {
                double half = Math.Round(missed / 2);
                return half >= LowestRate && half < missed ? half : null;
            }
            if (missed - met <= Tolerance * missed) return null;
            double middle = Math.Round((met + missed) / 2);
            return middle > met && middle < missed ? middle : null;
        }
    }

    /// <summary>Why the search ended (or null while it goes on), in a reader's words.</summary>
    public string? Conclusion => NextRate is not null ? null : (HighestMet, LowestMissed) switch
    {
        (null, null) => null,
        ({ } met, null) => $"met at every rate tried, up to {met:0} req/s: the knee is at or above it",
        (null, _) when _steps >= MaxSteps => $"missed at every rate tried ({_steps} steps)",
        (null, { } missed) => $"missed down to {missed:0} req/s",
        ({ } met, { } missed) when missed - met <= Tolerance * missed => $"met at {met:0}, missed at {missed:0} req/s: within {Tolerance:0%}",
        ({ } met, { } missed) => $"stopped after {_steps} steps: met at {met:0}, missed at {missed:0} req/s",
    };

    /// <summary>Files the outcome of the step at <paramref name="rate"/>.</summary>
    public void Record(double rate, bool met)
    {
        _steps++;
        if (met) HighestMet = Math.Max(HighestMet ?? rate, rate);
        else LowestMissed = Math.Min(LowestMissed ?? rate, rate);
    }
}
