using DeviceBench.Firmware.Commands;
using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Tests.Commands;

public class EngineLimitsTests
{
    private static Args Parse(params string[] args) => new(args, new HashSet<string>());

    [Fact]
    public void Without_flags_the_engine_keeps_its_defaults()
    {
        var args = Parse();
        Assert.Equal(new MinimalOptions(), EngineLimits.Minimal(args));
        Assert.Equal(16_384, EngineLimits.MaxConnections(args));
    }

    [Fact]
    public void Flags_set_the_minimal_engines_limits_and_sizes_take_suffixes()
    {
        var args = Parse("--idle-timeout-ms", "500", "--header-timeout-ms", "250", "--max-request-line", "1k",
            "--max-header-bytes", "2k", "--max-headers", "10", "--max-body", "1M", "--max-connections", "20000");
        var options = EngineLimits.Minimal(args);
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250)), (options.IdleTimeout, options.HeaderReadTimeout));
        Assert.Equal((1024, 2048, 10, 1L << 20), (options.Limits.MaxRequestLineBytes, options.Limits.MaxHeaderBytes,
            options.Limits.MaxHeaderCount, options.Limits.MaxBodyBytes));
        Assert.Equal(20_000, EngineLimits.MaxConnections(args));
        args.ThrowIfInvalid();
    }

    [Theory]
    [InlineData("--max-connections", "0")]
    [InlineData("--idle-timeout-ms", "-5")]
    [InlineData("--max-headers", "0")]
    [InlineData("--header-timeout-ms", "99999999999")]
    public void A_limit_that_is_not_positive_or_too_large_is_a_usage_error(string flag, string value)
    {
        var args = Parse(flag, value);
        EngineLimits.Minimal(args);
        EngineLimits.MaxConnections(args);
        var e = Assert.Throws<UsageException>(args.ThrowIfInvalid);
        Assert.StartsWith($"{flag} must be 1", e.Message, StringComparison.Ordinal);
    }
}
