using DeviceBench.Firmware.Sinks;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Tests.Sinks;

public class BudgetsTests
{
    private static StatRecord Stat(long seq, long rss, long? temp = null) => new()
    {
        Seq = seq, UptimeMillis = 0, Memory = new MemoryFigures(rss, null, rss, rss), CpuPct10 = 0, Threads = 1, TemperatureMilliCelsius = temp,
    };

    [Fact]
    public void A_budget_raises_once_when_crossed_and_clears_once_when_back()
    {
        var budgets = new Budgets(rssBytes: 1000);
        Assert.Empty(budgets.Evaluate(Stat(1, 900)));
        var raised = Assert.Single(budgets.Evaluate(Stat(2, 1500)));
        Assert.Equal(("rss", true, 1500L, 1000L, 2L), (raised.Budget, raised.Raised, raised.Value, raised.Limit, raised.Seq));
        Assert.Empty(budgets.Evaluate(Stat(3, 1600)));
        Assert.True(budgets.AnyRaised);
        Assert.False(Assert.Single(budgets.Evaluate(Stat(4, 800))).Raised);
        Assert.False(budgets.AnyRaised);
    }

    [Fact]
    public void A_figure_the_board_lacks_never_raises_its_alarm()
    {
        var budgets = new Budgets(temperatureMilliCelsius: 70_000);
        Assert.Empty(budgets.Evaluate(Stat(1, 100, temp: null)));
        Assert.Single(budgets.Evaluate(Stat(2, 100, temp: 85_000)));
    }
}
