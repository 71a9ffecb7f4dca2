namespace DeviceBench.NanoFramework.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Empty_interval_reads_zero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.TakeInterval());
        Assert.Equal((0L, 0L, 0L), (histogram.ValueAt(5000), histogram.ValueAt(9900), histogram.Max));
    }

    [Fact]
    public void One_recording_is_every_percentile()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(7);
        Assert.Equal(1, histogram.TakeInterval());
        Assert.Equal((7L, 7L, 7L), (histogram.ValueAt(5000), histogram.ValueAt(9900), histogram.Max));
    }

    [Fact]
    public void Two_recordings_split_at_the_median()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(3);
        histogram.Record(20);
        histogram.TakeInterval();
        Assert.Equal((3L, 20L, 20L), (histogram.ValueAt(5000), histogram.ValueAt(9900), histogram.Max));
    }

    [Theory]
    [InlineData(31L)]
    [InlineData(32L)]
    [InlineData(1_000L)]
    [InlineData(123_456L)]
    [InlineData(60_000_000L)]
    public void A_bucket_upper_bound_is_at_most_one_sixteenth_above_the_value(long micros)
    {
        long upper = LatencyHistogram.HighestEquivalentValue(LatencyHistogram.IndexOf(micros));
        Assert.InRange(upper, micros, micros + micros / 16);
    }

    [Fact]
    public void Values_past_the_range_land_in_the_last_bucket()
    {
        Assert.Equal(LatencyHistogram.BucketCount - 1, LatencyHistogram.IndexOf(long.MaxValue));
        Assert.Equal(0, LatencyHistogram.IndexOf(-5));
    }

    [Fact]
    public void Taking_an_interval_starts_the_next_one_empty()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 100; i++) histogram.Record(i);
        Assert.Equal(100, histogram.TakeInterval());
        Assert.Equal(0, histogram.TakeInterval());
        Assert.Equal(0L, histogram.Max);
    }

    [Fact]
    public void Recording_a_request_allocates_nothing()
    {
        var reporter = new DeviceReporter("0.1.0", "xtensa", 2, 1, 80, 0);
        reporter.RequestServed(1); // first call: anything lazy is done
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++) reporter.RequestServed(i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100_001, reporter.Requests);
    }
}
