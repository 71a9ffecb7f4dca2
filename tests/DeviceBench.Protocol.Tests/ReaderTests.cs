namespace DeviceBench.Protocol.Tests;

public class ReaderTests
{
    private static readonly string Stat = new StatRecord
    {
        Seq = 5, UptimeMillis = 5000, Memory = new MemoryFigures(100, null, 50, 120), CpuPct10 = 10, Threads = 1,
    }.ToLine().ToString();

    [Fact]
    public void Reader_skips_lines_without_prefix_as_noise()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read("[    0.000000] Booting Linux on physical CPU 0x0"));
        Assert.Null(reader.Read(""));
        Assert.Equal(2, reader.NoiseLines);
        Assert.Equal(0, reader.CorruptLines);
    }

    [Fact]
    public void Reader_counts_a_flipped_bit_as_corrupt()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(Stat.Replace("seq=5", "seq=7", StringComparison.Ordinal)));
        Assert.Equal(1, reader.CorruptLines);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(3)]
    public void Reader_counts_a_truncated_line_as_corrupt(int cut)
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(Stat[..^cut]));
        Assert.Equal(1, reader.CorruptLines);
    }

    [Fact]
    public void Reader_takes_a_record_after_boot_noise_on_the_same_line()
    {
        var reader = new ReportReader();
        Assert.IsType<StatRecord>(reader.Read("U-Boot 2024.01 garbage\u0001" + Stat));
    }

    [Fact]
    public void Reader_of_two_merged_lines_keeps_the_complete_second_one()
    {
        var reader = new ReportReader();
        var record = Assert.IsType<StatRecord>(reader.Read(Stat[..30] + Stat));
        Assert.Equal(5, record.Seq);
    }

    [Fact]
    public void Reader_accepts_a_trailing_carriage_return() => Assert.IsType<StatRecord>(new ReportReader().Read(Stat + "\r"));

    [Fact]
    public void Reader_rejects_a_lower_case_crc()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(Stat[..^4] + Stat[^4..].ToLowerInvariant()));
        bool hasLetter = Stat[^4..].Any(char.IsAsciiLetter);
        Assert.Equal(hasLetter ? 1 : 0, reader.CorruptLines);
    }

    [Fact]
    public void Reader_counts_unknown_records_and_ignores_unknown_keys()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(new ReportLine("HELLO").Add("x", 1).ToString()));
        Assert.Equal(1, reader.UnknownRecords);
        var end = new ReportLine("END").Add("reason", "signal").Add("future_key", "v2").Add("uptime_ms", 5).ToString();
        Assert.Equal("signal", Assert.IsType<EndRecord>(reader.Read(end)).Reason);
    }

    [Fact]
    public void Reader_counts_a_known_record_missing_required_keys_as_unknown()
    {
        var reader = new ReportReader();
        Assert.Null(reader.Read(new ReportLine("STAT").Add("seq", 1).ToString()));
        Assert.Equal(1, reader.UnknownRecords);
    }
}
