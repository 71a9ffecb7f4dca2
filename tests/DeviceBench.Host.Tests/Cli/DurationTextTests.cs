using DeviceBench.Cli;

namespace DeviceBench.Host.Tests.Cli;

public class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30_000_000)]
    [InlineData("500ms", 500_000)]
    [InlineData("250us", 250)]
    [InlineData("2m", 120_000_000)]
    [InlineData("1h", 3_600_000_000)]
    [InlineData("1.5s", 1_500_000)]
    [InlineData("90", 90_000_000)]
    [InlineData("0s", 0)]
    public void Duration_text_parses_with_its_unit(string text, long expectedMicros)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(expectedMicros, (long)duration.TotalMicroseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("10x")]
    [InlineData("1e300")]
    [InlineData("1e15h")]
    [InlineData("Infinity")]
    public void Nonsense_is_not_a_duration(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Theory]
    [InlineData(86_400_000_000, "24h")]
    [InlineData(90_000_000, "90s")]
    [InlineData(120_000_000, "2m")]
    [InlineData(250_000, "250ms")]
    [InlineData(250, "250us")]
    [InlineData(0, "0s")]
    public void Durations_format_back_into_text_that_parses(long micros, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromMicroseconds(micros));

        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(micros, (long)back.TotalMicroseconds);
    }
}
