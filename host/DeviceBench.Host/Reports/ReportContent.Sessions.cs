using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

internal static partial class ReportContent
{
    private static void Sessions(RunRecord run, IReportSink sink)
    {
        sink.Heading(2, "Sessions");
        var notable = run.Sessions.SelectMany(Notes).ToList();
        if (run.Sessions.Count == 0) sink.Paragraph("No session was started.");
        else if (notable.Count == 0) sink.Paragraph("Every session ended ok; the board reported no reset, crash or alarm.");
        else sink.Bullets(notable);
        if (run.Sessions.Count > 0)
        {
            sink.Table(["contender", "round", "status", "startup", "baseline RSS", "phases", "STATs", "end"],
                [.. run.Sessions.Select(s => (IReadOnlyList<string>)[
                    s.Contender, s.Round == 0 ? "0 (calibration)" : FigureText.Whole(s.Round), s.Status.Text(),
                    s.Ready is { } ready ? FigureText.Whole(ready.StartupMillis) + " ms" : "-",
                    s.Ready?.Memory is { } m ? FigureText.Mebibytes(m.RssBytes) : "-",
                    FigureText.Whole(s.Phases.Count), FigureText.Whole(s.Stats.Count), End(s)])]);
        }
        var serial = run.Serial;
        sink.Paragraph($"Serial line: {FigureText.Whole(serial.ValidLines)} valid records, {FigureText.Whole(serial.CorruptLines)} corrupt lines dropped, "
            + $"{FigureText.Whole(serial.NoiseLines)} noise lines skipped, {FigureText.Whole(serial.UnknownRecords)} unknown records.");
    }

    private static IEnumerable<string> Notes(ContenderSession s)
    {
        string who = $"{s.Contender} round {FigureText.Whole(s.Round)}";
        if (s.Status != SessionStatus.Ok) yield return $"{who}: {s.Status.Text()}{(s.Reason is null ? "" : " — " + s.Reason)}";
        foreach (string e in s.Events) yield return $"{who}: {e}";
        foreach (var a in s.Alarms)
            yield return $"{who}: alarm {a.Budget} {(a.Raised ? "raised" : "cleared")} (value {FigureText.Whole(a.Value)}, limit {FigureText.Whole(a.Limit)})";
        if (s.ExitCode is { } code && code != 0) yield return $"{who}: exited with code {FigureText.Whole(code)}";
    }

    private static string End(ContenderSession s) => (s.End, s.ExitCode) switch
    {
        ({ } end, { } code) => $"{end.Reason}, exit {FigureText.Whole(code)}",
        ({ } end, null) => end.Reason,
        (null, { } code) => $"no END, exit {FigureText.Whole(code)}",
        _ => "-",
    };
}
