using System.Globalization;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A contender, or its whole board, that stops answering mid-phase: it has not exited, but the last seconds of the
/// phase completed no request at all. A serving board answers something every second even when overloaded; a hung
/// process, a frozen board or a dead link answers nothing. (A watcher keeps sending STATs for a hung server, so the
/// load, not the serial line, is what tells.)
/// </summary>
internal static class PhaseStall
{
    /// <summary>The silent span that counts as a stall: 3 s, or half of a shorter phase.</summary>
    public static TimeSpan Threshold(TimeSpan phase) => TimeSpan.FromSeconds(Math.Min(3, phase.TotalSeconds / 2));

    /// <summary>Why the phase counts as stalled, or null when the contender answered until its end.</summary>
    public static string? Describe(LoadResult result, TimeSpan phase)
    {
        double silent = 0;
        for (int i = result.Intervals.Count - 1; i >= 0 && result.Intervals[i].Requests == 0; i--) silent += result.Intervals[i].DurationSeconds;
        if (result.Intervals.Count == 0 || silent < Threshold(phase).TotalSeconds) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"no response in the last {silent:0.#} s of the phase ({result.Errors.Timeout} timeouts, {result.Unfinished} requests unanswered)");
    }
}
