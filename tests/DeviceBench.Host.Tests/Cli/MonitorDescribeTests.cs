using DeviceBench.Cli;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Tests.Cli;

/// <summary>What <c>monitor</c> shows for a record: a microcontroller's heap is named heap, a Linux board's line is as before.</summary>
public sealed class MonitorDescribeTests
{
    private static string Text(IReportRecord record) => MonitorCommand.Describe(record)[(MonitorCommand.Describe(record).IndexOf("[/] ", StringComparison.Ordinal) + 4)..];

    [Fact]
    public void A_microcontrollers_stat_shows_heap_and_no_rss_or_cpu()
    {
        var stat = new StatRecord { Seq = 4, UptimeMillis = 4000, Heap = new HeapFigures(40_960, 81_920, 153_600), RequestsPerSecond = 9 };
        Assert.Equal("STAT  #4 heap used 40.0 kB free 80.0 kB native free 150.0 kB 9 req/s", Text(stat));
        Assert.Equal("[green]READY[/] baseline heap used 40.0 kB free 80.0 kB in 1850 ms",
            Text(new ReadyRecord(null, 80, 1850, null, null, new HeapFigures(40_960, 81_920, null))));
    }

    [Fact]
    public void A_linux_boards_stat_reads_as_before()
    {
        var stat = new StatRecord { Seq = 2, UptimeMillis = 2000, Memory = new MemoryFigures(4 << 20, null, 1 << 20, 5 << 20), CpuPct10 = 125, Threads = 3 };
        Assert.Equal("STAT  #2 RSS 4.0 MB peak 5.0 MB cpu 12.5%", Text(stat));
    }
}
