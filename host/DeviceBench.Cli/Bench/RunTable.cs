using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli.Bench;

/// <summary>
/// The terminal report of <c>bench</c> and <c>report</c>, in 80 columns: memory, then throughput, then open-loop
/// latency grouped by rate; medians with the min–max range across rounds. A column no contender has a figure for
/// (temperature and throttling on a PC, device p99 without a C# engine) is left out, and failed sessions are said under the tables, not in a name.
/// </summary>
public static class RunTable
{
    public static void Render(IAnsiConsole console, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var rows = RunSummary.Of(run);
        console.MarkupLine($"[bold]{Markup.Escape(run.Board)}[/] ({Markup.Escape(run.Architecture)}): {run.Status.Text()}, "
            + $"{run.Settings.Rounds} round(s); medians (min–max over rounds)");
        bool temperature = rows.Any(r => r.MaxTemperatureMilliCelsius is not null);
        bool throttling = rows.Any(r => r.ThrottlingSeen);
        var memory = NewTable("memory", "contender", "baseline RSS", "peak RSS");
        if (temperature) memory.AddColumn(new TableColumn("max temp").RightAligned());
        if (throttling) memory.AddColumn("throttled");
        // Only the C# engines time their own handlers: a run of Rust and Go alone has no device p99 to show.
        bool deviceP99 = rows.Any(r => r.DeviceP99Micros is not null);
        var throughput = NewTable("throughput", "contender", "max req/s", "errors");
        if (deviceP99) throughput.AddColumn(new TableColumn("device p99").RightAligned());
        foreach (var row in rows)
        {
            List<string> cells = [row.Contender, FigureText.Mebibytes(row.BaselineRssBytes), FigureText.Mebibytes(row.PeakRssBytes)];
            if (temperature) cells.Add(FigureText.Temperature(row.MaxTemperatureMilliCelsius));
            if (throttling) cells.Add(row.ThrottlingSeen ? "yes" : "no");
            memory.AddRow([.. cells.Select(Markup.Escape)]);
            List<string> figures = [row.Contender, FigureText.Count(row.MaxRequestsPerSecond), FigureText.Thousands(row.Errors)];
            if (deviceP99) figures.Add(FigureText.Latency(row.DeviceP99Micros));
            throughput.AddRow([.. figures.Select(Markup.Escape)]);
        }
        console.Write(memory);
        console.Write(throughput);
        // A microcontroller's memory is heap: its own table, never the RSS columns above.
        if (rows.Any(r => r.HasHeap))
        {
            var heap = NewTable("microcontroller memory (managed heap, not RSS)", "contender", "baseline heap used", "peak heap used");
            foreach (var row in rows.Where(r => r.HasHeap))
                heap.AddRow([.. new[] { row.Contender, FigureText.Kilobytes(row.BaselineHeapUsedBytes), FigureText.Kilobytes(row.PeakHeapUsedBytes) }.Select(Markup.Escape)]);
            console.Write(heap);
        }
        if (run.Rates.Count > 0)
        {
            var latency = NewTable("open-loop latency, corrected for coordinated omission", "rate / contender", "p50", "p99", "p99.9");
            foreach (double rate in run.Rates)
            {
                latency.AddRow($"[bold]{FigureText.Thousands(rate)} req/s[/]", "", "", "");
                foreach (var row in rows)
                    if (row.Rates.FirstOrDefault(r => r.Rate == rate) is { } at)
                        latency.AddRow([.. new[] { "  " + row.Contender, FigureText.Latency(at.P50Micros), FigureText.Latency(at.P99Micros), FigureText.Latency(at.P999Micros) }
                            .Select(Markup.Escape)]);
            }
            console.Write(latency);
        }
        foreach (var row in rows.Where(r => r.FailedSessions > 0))
            console.MarkupLine($"[yellow]{Markup.Escape(row.Contender)}: {row.FailedSessions} of {row.Rounds} session(s) failed[/]");
        if (run.Reason is not null) console.MarkupLine($"[yellow]{Markup.Escape(run.Reason)}[/]");
    }

    /// <summary>A table in the style every terminal table of devicebench uses: first column left, figures right-aligned.</summary>
    private static Table NewTable(string title, string first, params string[] figures)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn(first);
        foreach (string figure in figures) table.AddColumn(new TableColumn(figure).RightAligned());
        return table;
    }
}
