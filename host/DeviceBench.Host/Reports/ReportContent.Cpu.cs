using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

internal static partial class ReportContent
{
    private static void Cpu(RunRecord run, IReportSink sink)
    {
        var rows = CpuSummary.Of(run);
        if (rows.All(r => r.MaxPercent is null && r.IdlePercent is null)) return;
        sink.Heading(2, "CPU");
        sink.Table(["contender", "idle", "at max", "requests per CPU-second", .. run.Rates.Select(r => $"at {FigureText.Whole(r)} req/s")],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.Contender, Percent(r.IdlePercent), Percent(r.MaxPercent), FigureText.Count(r.RequestsPerCpuSecond),
                .. r.RatePercent.Select(Percent)])]);
        sink.Paragraph("CPU time of the contender's process, as the board sampled it from /proc every report interval, in percent of one core "
            + "(200 % is two cores busy); the mean over each phase. Requests per CPU-second is the closed-loop max req/s divided by the cores busy "
            + "then: how many requests a second of the board's CPU buys.");
    }

    private static string Percent(Spread? percent) => percent is { } p ? FigureText.Count(new Spread(p.Median, p.Min, p.Max, p.Count)) + " %" : "-";
}
