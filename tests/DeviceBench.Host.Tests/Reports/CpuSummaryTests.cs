using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using DeviceBench.Protocol;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class CpuSummaryTests
{
    private static TimedStat Stat(double at, string phase, long cpuPct10) =>
        new(at, phase, new StatRecord { Seq = (long)at, UptimeMillis = (long)(at * 1000), Memory = Memory(MiB), CpuPct10 = cpuPct10, Threads = 1 });

    [Fact]
    public void Each_phase_is_the_mean_of_its_stats_but_the_first_and_requests_per_cpu_second_divide_the_maximum_by_the_cores_busy()
    {
        var run = Run(["alpha"], 1, 1000);
        var session = Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000);
        // The first STAT of a phase covers the interval before it began (999 must not count); seq 1 has no interval at all
        // (its 0 is no measurement), so settle's one real STAT is seq 3.
        session.Stats = [Stat(1, "settle", 0), Stat(2, "settle", 70), Stat(3, "settle", 100), Stat(4, "max", 999), Stat(5, "max", 1500),
            Stat(6, "max", 2500), Stat(7, "rate-1000", 300)];
        run.Sessions.Add(session);

        var cpu = Assert.Single(CpuSummary.Of(run));

        Assert.Equal(10, cpu.IdlePercent!.Value.Median);
        Assert.Equal(200, cpu.MaxPercent!.Value.Median);
        Assert.Equal(2500, cpu.RequestsPerCpuSecond!.Value.Median);
        // A phase with one STAT keeps it.
        Assert.Equal(30, Assert.Single(cpu.RatePercent)!.Value.Median);
    }

    [Fact]
    public void A_settle_phase_with_only_the_first_stat_has_no_idle_figure()
    {
        var run = Run(["alpha"], 1);
        var session = Session("alpha", 1, 10 * MiB, 5000, [], 2000);
        session.Stats = [Stat(1, "settle", 0), Stat(2, "max", 500)];
        run.Sessions.Add(session);

        Assert.Null(Assert.Single(CpuSummary.Of(run)).IdlePercent);
    }

    [Fact]
    public void Rounds_give_a_median_and_a_contender_without_stats_has_no_figures()
    {
        var run = Run(["alpha", "beta"], 2);
        foreach (var (round, busy) in new[] { (1, 1000L), (2, 3000L) })
        {
            var session = Session("alpha", round, 10 * MiB, 6000, [], 2000);
            session.Stats = [Stat(2, "max", 0), Stat(3, "max", busy)];
            run.Sessions.Add(session);
        }
        var beta = Session("beta", 1, 10 * MiB, 6000, [], 2000);
        beta.Stats = [];
        run.Sessions.Add(beta);

        var rows = CpuSummary.Of(run);

        Assert.Equal(new Spread(200, 100, 300, 2), rows[0].MaxPercent);
        // 6000 req/s at one core busy, and at three.
        Assert.Equal(new Spread(4000, 2000, 6000, 2), rows[0].RequestsPerCpuSecond);
        Assert.Equal((null, null, null), (rows[1].IdlePercent, rows[1].MaxPercent, rows[1].RequestsPerCpuSecond));
    }
}
