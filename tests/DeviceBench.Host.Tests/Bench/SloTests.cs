using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Reports;

namespace DeviceBench.Host.Tests.Bench;

public sealed class SloTests
{
    // RunBuilder.Load: p99 = 2,000 us, p99.9 = 4,000 us, the spectrum's step at 99.609375 % = 3,000 us, 2,000 requests.
    private static readonly LoadResult Step = RunBuilder.Load(DateTimeOffset.UnixEpoch, 1000, 2000, 1000);

    [Fact]
    public void A_percentile_the_summary_keeps_is_read_exactly_and_any_other_from_the_spectrum()
    {
        Assert.Equal(2000, new Slo(99, 1).ValueMicros(Step.Latency));
        Assert.Equal(4000, new Slo(99.9, 1).ValueMicros(Step.Latency));
        Assert.Equal(3000, new Slo(99.5, 1).ValueMicros(Step.Latency));
    }

    [Fact]
    public void The_bound_is_inclusive_and_any_error_misses_unless_errors_are_allowed()
    {
        Assert.True(new Slo(99, 2000).IsMetBy(Step));
        Assert.False(new Slo(99, 1999).IsMetBy(Step));
        var oneError = Step with { Errors = new ErrorCounts(0, 0, 0, 1, 0, 0, 0) };
        Assert.False(new Slo(99, 2000).IsMetBy(oneError));
        Assert.True(new Slo(99, 2000, MaxErrorPercent: 0.1).IsMetBy(oneError));
        Assert.False(new Slo(99, 2000).IsMetBy(Step with { Unfinished = 1 }));
    }

    [Fact]
    public void A_step_that_answered_nothing_never_meets_an_objective() =>
        Assert.False(new Slo(99, long.MaxValue, 50).IsMetBy(Step with { Requests = 0 }));

    [Fact]
    public void A_step_lasts_long_enough_for_ten_requests_past_its_percentile()
    {
        var least = TimeSpan.FromSeconds(5);
        var most = TimeSpan.FromSeconds(60);
        Assert.Equal(least, new Slo(99, 1).StepDuration(1000, least, most));
        Assert.Equal(TimeSpan.FromSeconds(10), new Slo(99, 1).StepDuration(100, least, most));
        Assert.Equal(most, new Slo(99.9, 1).StepDuration(100, least, most));
    }

    [Fact]
    public void An_objective_prints_as_it_is_typed() =>
        Assert.Equal(("p99=2ms", "p99.9=500us,errors=0.1%"), (new Slo(99, 2000).ToString(), new Slo(99.9, 500, 0.1).ToString()));
}
