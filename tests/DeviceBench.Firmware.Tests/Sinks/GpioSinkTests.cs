using System.Device.Gpio;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Sinks;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Tests.Sinks;

public class GpioSinkTests
{
    private const int Status = 17, Alarm = 27, Marker = 22;
    private static readonly MemoryFigures Memory = new(4_000_000, null, 1_000_000, 4_000_000);

    private static StatRecord Stat(long seq, long conns, long rps, long? p99 = null) => new()
    {
        Seq = seq, UptimeMillis = seq * 1000, Memory = Memory, CpuPct10 = 0, Threads = 1, Connections = conns,
        RequestsPerSecond = rps, Latency = p99 is { } p ? new LatencyFigures(p / 2, p, p, p) : null,
    };

    private readonly ManualTimeProvider _clock = new();

    private (RecordingGpioDriver Driver, GpioSink Sink) Create()
    {
        var driver = new RecordingGpioDriver(() => _clock.Elapsed);
        return (driver, new GpioSink(new GpioController(driver), new GpioPins(Status, Alarm, Marker), _clock));
    }

    private static void Publish(GpioSink sink, StatRecord stat) => sink.Publish(stat.ToLine(), stat);

    [Fact]
    public void Status_pin_beats_at_one_hertz_while_idle()
    {
        var (driver, sink) = Create();
        using (sink) _clock.Advance(TimeSpan.FromMilliseconds(2300));
        // The first write is the pin opened low; the last, at 2300 ms, is disposal leaving it low.
        var edges = driver.WritesTo(Status).Skip(1).Where(e => e.At < TimeSpan.FromMilliseconds(2300)).ToList();
        Assert.Equal([true, false, true, false], edges.Select(e => e.High));
        Assert.Equal([500.0, 1000, 1500, 2000], edges.Select(e => e.At.TotalMilliseconds));
    }

    [Fact]
    public void Status_pin_is_solid_while_serving_and_beats_again_when_idle()
    {
        var (driver, sink) = Create();
        using (sink)
        {
            Publish(sink, Stat(1, conns: 64, rps: 1000));
            int before = driver.WritesTo(Status).Count;
            _clock.Advance(TimeSpan.FromMilliseconds(1200));
            Publish(sink, Stat(2, conns: 64, rps: 1000));
            Assert.True(driver.Level(Status));
            Assert.Equal(before, driver.WritesTo(Status).Count);
            Publish(sink, Stat(3, conns: 0, rps: 0));
            _clock.Advance(TimeSpan.FromMilliseconds(1200));
            Assert.True(driver.WritesTo(Status).Count >= before + 2, "heartbeat did not resume once idle");
        }
    }

    [Fact]
    public void Alarm_pin_follows_alarm_records_of_every_budget()
    {
        var (driver, sink) = Create();
        using (sink)
        {
            var budgets = new Budgets(p99Micros: 1000, rssBytes: 10_000_000);
            void Feed(StatRecord stat)
            {
                Publish(sink, stat);
                foreach (var alarm in budgets.Evaluate(stat)) sink.Publish(alarm.ToLine(), alarm);
            }
            Feed(Stat(1, 1, 10, p99: 500));
            Assert.False(driver.Level(Alarm));
            Feed(Stat(2, 1, 10, p99: 5000));
            Assert.True(driver.Level(Alarm));
            Feed(Stat(3, 1, 10, p99: 400));
            Assert.False(driver.Level(Alarm));
            Assert.Equal([false, true, false], driver.WritesTo(Alarm).Select(w => w.High));
        }
    }

    [Fact]
    public void Marker_pin_rises_and_falls_around_one_in_n_requests()
    {
        var (driver, sink) = Create();
        using (sink)
        {
            var meter = new RequestMeter(sink, markEvery: 10);
            for (int i = 0; i < 100; i++)
            {
                var timing = meter.BeginRequest();
                if (timing.Marked) Assert.True(driver.Level(Marker), "marker must be high while the request is served");
                meter.EndRequest(timing);
                Assert.False(driver.Level(Marker));
            }
            var edges = driver.WritesTo(Marker).Skip(1).ToList();
            Assert.Equal(20, edges.Count);
            Assert.All(edges.Where((_, i) => i % 2 == 0), e => Assert.True(e.High));
            Assert.Equal(100, meter.Requests);
            Assert.Equal(100, meter.Latency.TotalCount);
        }
    }

    [Fact]
    public void End_record_leaves_every_pin_low()
    {
        var (driver, sink) = Create();
        using (sink)
        {
            Publish(sink, Stat(1, conns: 5, rps: 10));
            var end = new EndRecord("signal", 0, 1000, 10, 4_000_000);
            sink.Publish(end.ToLine(), end);
            Assert.False(driver.Level(Status));
        }
        Assert.False(driver.Level(Alarm));
        Assert.False(driver.Level(Marker));
    }
}
