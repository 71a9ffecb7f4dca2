using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Reports;

namespace DeviceBench.Host.Tests.Bench;

public class PhaseStallTests
{
    private static LoadResult WithRequests(params long[] perSecond)
    {
        var intervals = perSecond.Select((n, i) => new IntervalRecord(i + 1, 1, n, n, 0, 100, 100, 100, 100, null, 50)).ToList();
        return RunBuilder.Load(DateTimeOffset.UnixEpoch, 1000, 500, null) with { Intervals = intervals };
    }

    [Fact]
    public void A_phase_answered_to_its_end_is_no_stall() =>
        Assert.Null(PhaseStall.Describe(WithRequests(5000, 4000, 10, 1), TimeSpan.FromSeconds(4)));

    [Fact]
    public void Three_silent_seconds_at_the_end_are_a_stall()
    {
        string? why = PhaseStall.Describe(WithRequests(5000, 4000, 0, 0, 0), TimeSpan.FromSeconds(5));
        Assert.NotNull(why);
        Assert.Contains("no response in the last 3 s", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_in_the_middle_that_recovered_is_no_stall() =>
        Assert.Null(PhaseStall.Describe(WithRequests(5000, 0, 0, 0, 0, 4000), TimeSpan.FromSeconds(6)));

    [Fact]
    public void A_short_phase_stalls_after_half_its_length() =>
        Assert.NotNull(PhaseStall.Describe(WithRequests(5000, 0, 0), TimeSpan.FromSeconds(3)));
}
