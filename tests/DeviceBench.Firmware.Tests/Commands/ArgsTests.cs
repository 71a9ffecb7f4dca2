using DeviceBench.Firmware.Commands;

namespace DeviceBench.Firmware.Tests.Commands;

public class ArgsTests
{
    private static readonly IReadOnlySet<string> Flags = new HashSet<string> { "gpio-required" };

    private static string[] Mistakes(Args args) => Assert.Throws<UsageException>(args.ThrowIfInvalid).Message.Split('\n');

    [Fact]
    public void Options_flags_and_the_command_after_double_dash_are_separated()
    {
        var args = new Args(["--port", "8080", "--gpio-required", "--budget-rss=20M", "--", "./server", "--port", "9"], Flags);
        Assert.Equal(8080, args.Int32("port", 0, 65535));
        Assert.True(args.Flag("gpio-required"));
        Assert.Equal(20L << 20, args.Int64("budget-rss", 1));
        Assert.Equal(["./server", "--port", "9"], args.Rest);
        args.ThrowIfInvalid();
    }

    [Fact]
    public void An_option_nobody_reads_is_an_error()
    {
        var args = new Args(["--prot", "8080"], Flags);
        Assert.Null(args.Int32("port", 0, 65535));
        Assert.Equal(["unknown option --prot"], Mistakes(args));
    }

    [Fact]
    public void An_unknown_option_last_is_unknown_rather_than_missing_its_value()
    {
        var args = new Args(["--port", "80", "--frobnicate"], Flags);
        Assert.Equal(80, args.Int32("port", 0, 65535));
        Assert.Equal(["unknown option --frobnicate"], Mistakes(args));
    }

    [Fact]
    public void An_option_followed_by_another_has_no_value()
    {
        var args = new Args(["--frobnicate", "--port", "80"], Flags);
        Assert.Equal(80, args.Int32("port", 0, 65535));
        Assert.Equal(["unknown option --frobnicate"], Mistakes(args));
    }

    [Theory]
    [InlineData("0x27", 0x27)]
    [InlineData("64k", 65536)]
    [InlineData("2G", 2L << 30)]
    [InlineData("-3", -3)]
    public void Sizes_take_hex_and_binary_suffixes(string text, long expected) => Assert.Equal(expected, Args.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("k")]
    [InlineData("0xFFFFFFFFFFFFFFFF")]
    [InlineData("99999999999G")]
    [InlineData("1.5")]
    public void Sizes_that_are_no_number_or_overflow_are_null(string text) => Assert.Null(Args.ParseSize(text));

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0", 0)]
    [InlineData("192.168.1.20", "192.168.1.20", 0)]
    [InlineData("::", "::", 0)]
    [InlineData("::1", "::1", 0)]
    [InlineData("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a", 0)]
    [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1", 0)]
    [InlineData("fe80::1%7", "fe80::1%7", 7)]
    [InlineData("fe80::1%lo", "fe80::1%1", 1)] // the loopback interface is index 1 in every network namespace
    public void Addresses_parse_in_standard_form_with_an_IPv6_zone_by_index_or_name(string text, string expected, long zone)
    {
        var address = Args.ParseAddress(text);
        Assert.NotNull(address);
        Assert.Equal((expected, zone), (address.ToString(), address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? address.ScopeId : 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("127.1")] // the BSD shorthands inet_aton takes are not an address's standard form
    [InlineData("1.2.3.4.5")]
    [InlineData("256.0.0.1")]
    [InlineData("1.2.3.4%1")]
    [InlineData("fe80::1%")]
    [InlineData("fe80::1%no-such-interface")]
    [InlineData("fe80::1%0")]
    [InlineData("1::2::3")]
    public void Anything_else_is_not_an_address(string text) => Assert.Null(Args.ParseAddress(text));

    [Fact]
    public void Every_mistake_is_reported_at_once_naming_its_option()
    {
        var args = new Args(["--port", "-1", "--threads", "0", "--engine", "iis", "--address", "localhost", "--max-body", "lots", "stray"], Flags);
        Assert.Null(args.Int32("port", 0, 65535));
        Assert.Null(args.Int32("threads", 1, 1024));
        Assert.Null(args.Choice("engine", ["minimal", "kestrel"]));
        Assert.Null(args.Address("address"));
        Assert.Null(args.Int64("max-body", 1));
        Assert.Equal(
        [
            "unexpected argument 'stray'",
            "--port must be 0-65535, got -1",
            "--threads must be 1-1024, got 0",
            "--engine must be minimal or kestrel, got 'iis'",
            "--address must be an IP address, got 'localhost'",
            "--max-body must be a number 1 or more, got 'lots'",
        ], Mistakes(args));
    }

    [Fact]
    public void A_known_option_without_its_value_says_so()
    {
        var args = new Args(["--port"], Flags);
        Assert.Null(args.Int32("port", 0, 65535));
        Assert.Equal(["--port needs a value"], Mistakes(args));
    }

    [Fact]
    public void A_value_past_int_range_is_a_range_error_not_an_overflow()
    {
        var args = new Args(["--port=99999999999"], Flags);
        Assert.Null(args.Int32("port", 0, 65535));
        Assert.Equal(["--port must be 0-65535, got 99999999999"], Mistakes(args));
    }
}
