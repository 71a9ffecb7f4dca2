using DeviceBench.Firmware.Commands;

namespace DeviceBench.Firmware.Tests.Commands;

public class ArgsTests
{
    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "gpio-required" };

    [Fact]
    public void Options_flags_and_the_command_after_double_dash_are_separated()
    {
        var args = new Args(["--port", "8080", "--gpio-required", "--budget-rss=20M", "--", "./server", "--port", "9"], Flags);
        Assert.Equal(8080, args.Int32("port"));
        Assert.True(args.Flag("gpio-required"));
        Assert.Equal(20L << 20, args.Int64("budget-rss"));
        Assert.Equal(["./server", "--port", "9"], args.Rest);
        args.ThrowOnUnknown();
    }

    [Fact]
    public void An_option_nobody_reads_is_an_error()
    {
        var args = new Args(["--prot", "8080"], Flags);
        Assert.Null(args.Int32("port"));
        Assert.Throws<UsageException>(args.ThrowOnUnknown);
    }

    [Theory]
    [InlineData("0x27", 0x27)]
    [InlineData("64k", 65536)]
    [InlineData("2G", 2L << 30)]
    [InlineData("-3", -3)]
    public void Sizes_take_hex_and_binary_suffixes(string text, long expected) => Assert.Equal(expected, Args.ParseSize(text));

    [Fact]
    public void A_missing_value_and_a_non_number_are_usage_errors()
    {
        Assert.Throws<UsageException>(() => new Args(["--port"], Flags));
        Assert.Throws<UsageException>(() => new Args(["--port", "eighty"], Flags).Int32("port"));
        Assert.Throws<UsageException>(() => new Args(["stray"], Flags));
    }
}
