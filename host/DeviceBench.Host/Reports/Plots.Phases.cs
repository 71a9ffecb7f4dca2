using DeviceBench.Host.Bench;
using ScottPlot;

namespace DeviceBench.Host.Reports;

public static partial class Plots
{
    /// <summary>One stretch of a session's clock: a phase's warm-up (discarded) or its measured part.</summary>
    internal readonly record struct PhaseSpan(string Label, double FromSeconds, double ToSeconds, bool Warmup);

    /// <summary>
    /// Where each phase of <paramref name="session"/> ran, on the session's clock (seconds since the contender started,
    /// the STATs' clock): its warm-up, then its measured part. The gaps between are settle, idle and cool-down.
    /// </summary>
    internal static IReadOnlyList<PhaseSpan> PhaseSpans(ContenderSession session)
    {
        var spans = new List<PhaseSpan>();
        foreach (var phase in session.Phases)
        {
            double start = (phase.Load.StartedUtc - session.StartedUtc).TotalSeconds, warmup = phase.Load.Settings.WarmupSeconds;
            if (warmup > 0) spans.Add(new PhaseSpan("warm-up", start, start + warmup, Warmup: true));
            spans.Add(new PhaseSpan(PhaseLabel(phase), start + warmup, start + warmup + phase.Load.MeasuredSeconds, Warmup: false));
        }
        return spans;
    }

    /// <summary>"max" for the closed loop, "500/s" for an open-loop rate: short enough to sit above a one-second span.</summary>
    internal static string PhaseLabel(PhaseResult phase) => phase.TargetRate is { } rate ? FigureText.Whole(rate) + "/s" : phase.Name;

    /// <summary>Shades each phase (warm-up grey, measured parts in alternating blue tints) and names it along the top.</summary>
    private static void ShadePhases(Plot plot, ContenderSession session, double top)
    {
        int measured = 0;
        foreach (var span in PhaseSpans(session))
        {
            var colour = span.Warmup ? Colors.Gray.WithAlpha(0.12) : (measured++ % 2 == 0 ? Colors.SteelBlue : Colors.Teal).WithAlpha(0.12);
            var band = plot.Add.HorizontalSpan(span.FromSeconds, span.ToSeconds, colour);
            band.LineWidth = 0;
            if (span.Warmup) continue;
            var label = plot.Add.Text(span.Label, (span.FromSeconds + span.ToSeconds) / 2, top);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.DimGray;
            label.LabelAlignment = Alignment.UpperCenter;
        }
    }
}
