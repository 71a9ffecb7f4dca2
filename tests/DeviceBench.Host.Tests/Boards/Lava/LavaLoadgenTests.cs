using System.Text.Json;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.Host.Tests.Reports;

namespace DeviceBench.Host.Tests.Boards.Lava;

public class LavaLoadgenTests
{
    [Fact]
    public void Result_line_comes_back_whole_through_the_dispatchers_log()
    {
        var result = RunBuilder.Load(RunBuilder.Started, 1234.5678, 4321, null);
        string printed = LavaLoadgen.ResultLine("go-nethttp", result);
        Assert.DoesNotContain('\n', printed);
        // As lava-run logs it: terminal control sequences without their ESC, every double quote escaped, in a YAML string.
        string logged = "[?1h=" + printed.Replace("\"", "\\\"", StringComparison.Ordinal);
        string entry = $$"""{"dt": "2026-12-01T04:49:25.973689", "lvl": "target", "msg": {{JsonSerializer.Serialize(logged)}}}""";

        var (contender, read) = LavaLoadgen.ParseResultLine(Assert.Single(LavaLog.Parse([entry]).BoardLines))!.Value;
        Assert.Equal("go-nethttp", contender);
        Assert.Equal(result.Requests, read.Requests);
        Assert.Equal(result.RequestsPerSecond, read.RequestsPerSecond);
        Assert.Equal(result.Latency with { Distribution = null }, read.Latency with { Distribution = null });
        Assert.Equal(result.Latency.Distribution, read.Latency.Distribution);
        Assert.Equal(result.Intervals, read.Intervals);
    }

    [Fact]
    public void Figures_are_the_clients_throughput_errors_and_latency_with_units()
    {
        var result = RunBuilder.Load(RunBuilder.Started, 1234.5678, 4321, null);
        Assert.Equal(
        [
            ("client-rps", 1234.57m, "requests/s"), ("client-requests", 2468m, "requests"), ("client-errors", 0m, "errors"),
            ("client-p50", 432m, "microseconds"), ("client-p99", 4321m, "microseconds"), ("client-p999", 8642m, "microseconds"),
            ("client-max", 17284m, "microseconds"),
        ], LavaLoadgen.Figures(result));
        Assert.Equal("1234.57", LavaLoadgen.Text(1234.57m));
    }

    [Fact]
    public void Other_lines_and_broken_results_are_not_results()
    {
        Assert.Null(LavaLoadgen.ParseResultLine("#DB1 READY pid=1 *ABCD"));
        Assert.Null(LavaLoadgen.ParseResultLine("devicebench-client-result contender=go-nethttp {\"requests\":"));
        Assert.Null(LavaLoadgen.ParseResultLine("devicebench-client-result contender=go-nethttp"));
    }
}
