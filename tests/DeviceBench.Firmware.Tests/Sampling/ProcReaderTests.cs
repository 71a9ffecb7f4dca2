using DeviceBench.Firmware.Sampling;

namespace DeviceBench.Firmware.Tests.Sampling;

public class ProcReaderTests
{
    [Fact]
    public void Status_lines_parse_to_kilobytes_and_counts()
    {
        var values = ProcReader.ParseKeyedKilobytes(["Name:\tserver", "VmHWM:\t    4100 kB", "VmRSS:\t    3900 kB", "Threads:\t2", "Garbage"]);
        Assert.Equal(4100, values["VmHWM"]);
        Assert.Equal(3900, values["VmRSS"]);
        Assert.Equal(2, values["Threads"]);
        Assert.False(values.ContainsKey("Name"));
    }

    [Fact]
    public void Cpu_ticks_are_utime_plus_stime_even_when_the_name_has_spaces_and_parentheses()
    {
        const string stat = "1234 (my (odd) srv) S 1 1234 1234 0 -1 4194560 500 0 0 0 250 75 0 0 20 0 3 0 100 1000000 900 18446744073709551615";
        Assert.Equal(325, ProcReader.ReadCpuTicks(stat));
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
        var sensors = new BoardSensors("/nonexistent/thermal_zone0/temp");
        Assert.Null(sensors.TryReadTemperatureMilliCelsius());
        Assert.Null(BoardSensors.TryReadThrottled("/nonexistent/get_throttled"));
    }

    [Fact]
    public void Sensor_files_are_read_in_their_kernel_formats()
    {
        string temp = Path.GetTempFileName(), throttled = Path.GetTempFileName();
        File.WriteAllText(temp, "51540\n");
        File.WriteAllText(throttled, "50005\n");
        var sensors = new BoardSensors(temp);
        Assert.Equal(51_540, sensors.TryReadTemperatureMilliCelsius());
        Assert.Equal("0x50005", BoardSensors.TryReadThrottled(throttled));
    }
}
