using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Tests.Bench;

/// <summary>The search's arithmetic on tiny exact cases: a server whose objective holds below a known rate.</summary>
public sealed class KneeSearchTests
{
    /// <summary>Runs the search against an objective met exactly at rates up to <paramref name="knee"/>.</summary>
    private static (KneeSearch Search, List<double> Tried) Against(double start, double knee, int maxSteps = 8)
    {
        var search = new KneeSearch(start, maxSteps);
        var tried = new List<double>();
        while (search.NextRate is { } rate)
        {
            tried.Add(rate);
            search.Record(rate, rate <= knee);
        }
        return (search, tried);
    }

    [Fact]
    public void The_first_step_is_the_closed_loop_maximum_rounded_to_whole_requests() =>
        Assert.Equal(1000, new KneeSearch(999.6).NextRate);

    [Fact]
    public void An_objective_met_at_the_maximum_climbs_by_quarters_up_to_twice_it()
    {
        var (search, tried) = Against(1000, knee: 5000);
        Assert.Equal([1000, 1250, 1562, 1952], tried);
        Assert.Equal(1952, search.HighestMet);
        Assert.Equal("met at every rate tried, up to 1952 req/s: the knee is at or above it", search.Conclusion);
    }

    [Fact]
    public void A_maximum_measured_too_low_is_climbed_past_then_bisected()
    {
        var (search, tried) = Against(1000, knee: 1300);
        Assert.Equal([1000, 1250, 1562, 1406, 1328, 1289], tried);
        Assert.Equal((1289.0, 1328.0), (search.HighestMet, search.LowestMissed));
    }

    [Fact]
    public void A_miss_halves_then_bisects_until_met_and_missed_are_within_five_percent()
    {
        var (search, tried) = Against(1000, knee: 700);
        // 688 met, 719 missed: 4.3 % apart, so the search ends there.
        Assert.Equal([1000, 500, 750, 625, 688, 719], tried);
        Assert.Equal(688, search.HighestMet);
        Assert.Equal(719, search.LowestMissed);
        Assert.Contains("within 5%", search.Conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_stops_after_its_step_budget_with_what_it_found()
    {
        var (search, tried) = Against(1000, knee: 700, maxSteps: 3);
        Assert.Equal([1000, 500, 750], tried);
        Assert.Equal(500, search.HighestMet);
        Assert.Contains("stopped after 3 steps", search.Conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void An_objective_no_rate_meets_halves_down_to_one_request_a_second_and_finds_no_knee()
    {
        var (search, tried) = Against(8, knee: 0, maxSteps: 20);
        Assert.Equal([8, 4, 2, 1], tried);
        Assert.Null(search.HighestMet);
        Assert.Equal("missed down to 1 req/s", search.Conclusion);
    }

    [Fact]
    public void A_start_below_one_request_a_second_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KneeSearch(0.5));
}
