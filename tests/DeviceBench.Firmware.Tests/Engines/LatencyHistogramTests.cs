using DeviceBench.Firmware.Engines;

namespace DeviceBench.Firmware.Tests.Engines;

public class LatencyHistogramTests
{
    [Fact]
    public void Empty_histogram_reports_zero()
    {
        var h = new LatencyHistogram();
        Assert.Equal(0, h.TotalCount);
        Assert.Equal(0, h.ValueAtPercentile(99));
        Assert.Equal(0, h.MaxValue);
    }

    [Fact]
    public void One_value_is_every_percentile()
    {
        var h = new LatencyHistogram();
        h.Record(42);
        Assert.Equal(42, h.ValueAtPercentile(50));
        Assert.Equal(42, h.ValueAtPercentile(99.9));
        Assert.Equal(42, h.MaxValue);
    }

    [Fact]
    public void Two_values_split_at_the_median()
    {
        var h = new LatencyHistogram();
        h.Record(10);
        h.Record(90);
        Assert.Equal(10, h.ValueAtPercentile(50));
        Assert.Equal(90, h.ValueAtPercentile(51));
    }

    [Theory]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(1_000)]
    [InlineData(123_456)]
    [InlineData(30_000_000)]
    public void Large_values_are_kept_within_one_point_six_percent(long micros)
    {
        var h = new LatencyHistogram();
        h.Record(micros);
        long reported = h.MaxValue;
        Assert.InRange(reported, micros, micros + micros / 64 + 1);
    }

    [Fact]
    public void Percentiles_of_a_uniform_spread_are_where_expected()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 10_000; v++) h.Record(v);
        Assert.InRange(h.ValueAtPercentile(50), 5000, 5000 + 5000 / 64);
        Assert.InRange(h.ValueAtPercentile(99), 9900, 9900 + 9900 / 64);
    }

    [Fact]
    public void Values_past_the_range_land_in_the_last_bucket_and_negatives_in_the_first()
    {
        var h = new LatencyHistogram();
        h.Record(long.MaxValue);
        h.Record(-5);
        Assert.Equal(0, h.ValueAtPercentile(50));
        Assert.True(h.MaxValue >= 1L << 35);
    }

    [Fact]
    public void Draining_moves_every_count_and_leaves_the_source_empty()
    {
        var source = new LatencyHistogram();
        var target = new LatencyHistogram();
        for (int i = 0; i < 100; i++) source.Record(i * 37);
        source.DrainInto(target);
        Assert.Equal(0, source.TotalCount);
        Assert.Equal(100, target.TotalCount);
    }
}
