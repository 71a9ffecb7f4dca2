using DeviceBench.Firmware.Sampling;

namespace DeviceBench.Firmware.Tests.Sampling;

public class ProcReaderTests
{
    [Fact]
    public void Status_lines_parse_to_kilobytes_and_counts()
    {
        var status = "Name:\tVmRSS-like server\nVmHWM:\t    4100 kB\nVmRSS:\t    3900 kB\nThreads:\t2\nGarbage\nVmRSSx:\t1 kB"u8;
        Assert.Equal(4100, ProcReader.KeyedValue(status, "VmHWM"u8));
        Assert.Equal(3900, ProcReader.KeyedValue(status, "VmRSS"u8));
        Assert.Equal(2, ProcReader.KeyedValue(status, "Threads"u8));
        Assert.Null(ProcReader.KeyedValue(status, "Name"u8));
        Assert.Null(ProcReader.KeyedValue(status, "RssAnon"u8));
        Assert.Null(ProcReader.KeyedValue(default, "VmRSS"u8));
    }

    [Fact]
    public void Cpu_ticks_are_utime_plus_stime_even_when_the_name_has_spaces_and_parentheses()
    {
        var stat = "1234 (my (odd) srv) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 75 0 0 20 0 3 0 100 1000000 900 18446744073709551615\n"u8;
        Assert.Equal(325, ProcReader.ReadCpuTicks(stat));
    }

    [Fact]
    public void Reading_allocates_almost_nothing_so_the_heap_it_measures_stays_still()
    {
        var reader = ProcReader.ForSelf();
        reader.TryRead();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++) Assert.NotNull(reader.TryRead());
        // Three file handles a reading (SafeFileHandle objects), no text: well under 1 KB per reading.
        Assert.InRange((GC.GetAllocatedBytesForCurrentThread() - before) / 100, 0, 1024);
    }

    [Fact]
    public void Reading_this_process_gives_its_real_memory()
    {
        var sample = ProcReader.ForSelf().TryRead();
        Assert.NotNull(sample);
        Assert.InRange(sample.Value.Memory.RssBytes, 1 << 20, 4L << 30);
        Assert.True(sample.Value.Memory.HwmBytes >= sample.Value.Memory.RssBytes);
        Assert.True(sample.Value.Threads >= 1);
    }

    [Fact]
    public void Reading_a_process_that_does_not_exist_gives_nothing() =>
        Assert.Null(ProcReader.ForPid(int.MaxValue).TryRead());

    [Fact]
    public void Missing_sensors_read_as_absent_not_zero()
    {
        var sensors = new BoardSensors("/nonexistent/thermal_zone0/temp", "/nonexistent/get_throttled");
        Assert.Null(sensors.TryReadTemperatureMilliCelsius());
        Assert.Null(sensors.TryReadThrottled());
    }

    [Fact]
    public void Sensor_files_are_read_in_their_kernel_formats()
    {
        string temp = Path.GetTempFileName(), throttled = Path.GetTempFileName();
        File.WriteAllText(temp, "51540\n");
        File.WriteAllText(throttled, "50005\n");
        var sensors = new BoardSensors(temp, throttled);
        Assert.Equal(51_540, sensors.TryReadTemperatureMilliCelsius());
        Assert.Equal("0x50005", sensors.TryReadThrottled());
        File.WriteAllText(temp, "-1250\n");
        File.WriteAllText(throttled, "0\n");
        Assert.Equal(-1_250, sensors.TryReadTemperatureMilliCelsius());
        Assert.Equal("0x0", sensors.TryReadThrottled());
    }
}
