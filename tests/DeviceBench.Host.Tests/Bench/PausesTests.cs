using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Tests.Bench;

public sealed class PausesTests
{
    private static List<IntervalRecord> WithMaxima(params long[] maxMicros) =>
        [.. maxMicros.Select((m, i) => new IntervalRecord(i + 1, 1, 100, 100, 0, 50, 80, 90, m, null, 10))];

    [Fact]
    public void No_interval_no_pause() =>
        Assert.Equal((0, 0, 0L), (Pauses.Of([]).Intervals, Pauses.Of([]).Count, Pauses.Of([]).LargestMicros));

    [Fact]
    public void One_interval_is_its_own_median_and_no_pause()
    {
        var pauses = Pauses.Of(WithMaxima(20_000));
        Assert.Equal((1, 20_000L, 0), (pauses.Intervals, pauses.MedianIntervalMaxMicros, pauses.Count));
    }

    [Fact]
    public void An_interval_over_ten_times_the_median_maximum_is_a_pause()
    {
        // Median of 400, 500, 600, 15,000 is 550: the threshold is 5,500 us; 15 ms is a pause, 600 us is not.
        var pauses = Pauses.Of(WithMaxima(500, 15_000, 400, 600));
        Assert.Equal((550L, 5_500L, 15_000L), (pauses.MedianIntervalMaxMicros, pauses.ThresholdMicros, pauses.MaxIntervalMaxMicros));
        Assert.Equal([15_000L], pauses.SizesMicros);
        Assert.Equal((1, 15_000L), (pauses.Count, pauses.LargestMicros));
    }

    [Fact]
    public void Under_a_millisecond_is_never_a_pause_however_far_above_the_median()
    {
        var pauses = Pauses.Of(WithMaxima(20, 30, 900, 25));
        Assert.Equal((1000L, 0), (pauses.ThresholdMicros, pauses.Count));
    }

    [Fact]
    public void Intervals_that_answered_nothing_have_no_maximum_and_do_not_count()
    {
        var intervals = WithMaxima(500, 500, 5_001);
        intervals.Add(new IntervalRecord(4, 1, 0, 0, 0, 0, 0, 0, 0, null, 10));
        intervals.Add(new IntervalRecord(5, 1, 0, 0, 0, 0, 0, 0, 0, null, 10));
        var pauses = Pauses.Of(intervals);
        Assert.Equal((3, 500L, 1), (pauses.Intervals, pauses.MedianIntervalMaxMicros, pauses.Count));
    }
}
