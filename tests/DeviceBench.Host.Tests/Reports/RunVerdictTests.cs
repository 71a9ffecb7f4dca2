using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class RunVerdictTests
{
    private static string Mem(double bytes) => FigureText.Mebibytes(bytes);

    [Fact]
    public void Each_question_names_the_best_then_every_other_contender_as_a_multiple_of_it()
    {
        var run = Run(["alpha", "beta", "gamma"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        run.Sessions.Add(Session("beta", 1, 4 * MiB, 9000, run.Rates, 900));

        var lines = RunVerdict.Lines(run);

        Assert.Equal(
        [
            $"Smallest at idle (baseline RSS): beta, {Mem(4 * MiB)}; then alpha {FigureText.Ratio(2.5)} ({Mem(10 * MiB)}); not measured: gamma.",
            // Peak RSS is the highest high-water mark: the builder's STATs climb to READY + 3 MiB.
            $"Smallest under load (peak RSS): beta, {Mem(7 * MiB)}; then alpha {FigureText.Ratio(13.0 / 7)} ({Mem(13 * MiB)}); not measured: gamma.",
            $"Most req/s (closed-loop maximum): beta, {FigureText.Whole(9000.0)} req/s; then alpha {FigureText.Ratio(5000.0 / 9000)} ({FigureText.Whole(5000.0)} req/s); not measured: gamma.",
            // Every STAT at 50 % of a core: 9000 req/s ÷ 0.5 cores.
            $"Most requests per CPU-second (at the maximum): beta, {FigureText.Whole(18000.0)}; then alpha {FigureText.Ratio(10000.0 / 18000)} ({FigureText.Whole(10000.0)}); not measured: gamma.",
            $"Lowest p99 at {FigureText.Whole(1000.0)} req/s: beta, {FigureText.Micros(900)}; then alpha {FigureText.Ratio(2000.0 / 900)} ({FigureText.Micros(2000)}); not measured: gamma.",
        ], lines);
    }

    [Fact]
    public void One_contender_is_its_own_best_and_a_run_with_nothing_measured_has_no_verdict()
    {
        var run = Run(["alpha"], 1);
        Assert.Empty(RunVerdict.Lines(run));

        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, [], 2000));
        Assert.Equal($"Smallest at idle (baseline RSS): alpha, {Mem(10 * MiB)}.", RunVerdict.Lines(run)[0]);
    }

    [Fact]
    public void Calibration_round_zero_is_not_judged()
    {
        var run = Run(["alpha", "beta"], 1);
        run.Sessions.Add(Session("alpha", 0, 1 * MiB, 99999, [], 10));
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, [], 2000));
        run.Sessions.Add(Session("beta", 1, 4 * MiB, 9000, [], 900));

        Assert.StartsWith("Smallest at idle (baseline RSS): beta,", RunVerdict.Lines(run)[0], StringComparison.Ordinal);
    }
}
