using DeviceBench.Cli;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Tests.Cli;

public sealed class SloTextTests
{
    [Theory]
    [InlineData("p99=2ms", 99, 2000, 0)]
    [InlineData("p99.9=500us", 99.9, 500, 0)]
    [InlineData("P50=1.5ms, errors=0.1%", 50, 1500, 0.1)]
    [InlineData("errors=1%,p99=1s", 99, 1_000_000, 1)]
    public void An_objective_reads_as_people_write_it(string text, double percentile, long boundMicros, double errors) =>
        Assert.Equal(new Slo(percentile, boundMicros, errors), SloText.Parse(text));

    [Theory]
    [InlineData("p99", "'' is not a latency bound")]
    [InlineData("p99=fast", "'fast' is not a latency bound")]
    [InlineData("latency=2ms", "'latency=2ms' is not pNN=LATENCY or errors=N%")]
    [InlineData("errors=1%", "names no percentile")]
    [InlineData("p99=2ms,errors=1", "'errors=1' is not an error bound")]
    [InlineData("p100=2ms", "the percentile must be above 0 and below 100")]
    [InlineData("p99=0ms", "'0ms' is not a latency bound")]
    [InlineData("p99=2ms,errors=100%", "the error bound must be from 0 % to below 100 %")]
    public void A_wrong_objective_is_refused_naming_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SloText.Parse(text));
        Assert.StartsWith("--slo: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
