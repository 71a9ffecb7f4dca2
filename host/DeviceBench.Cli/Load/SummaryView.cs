using System.Globalization;
using DeviceBench.Host.Load;
using Spectre.Console;

namespace DeviceBench.Cli.Load;

/// <summary>The final summary: throughput, latency percentiles, errors by class, and the engine's verdict on itself.</summary>
public static class SummaryView
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void RenderHeader(IAnsiConsole console, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        var mode = options.RatePerSecond is double rate
            ? string.Create(Invariant, $"open loop at {rate:N0} req/s")
            : "closed loop";
        var warmup = options.Warmup > TimeSpan.Zero ? string.Create(Invariant, $" after {options.Warmup.TotalSeconds:0.###} s warm-up") : "";
        var pipeline = options.Pipeline > 1 ? string.Create(Invariant, $", pipeline {options.Pipeline}") : "";
        var threads = Math.Min(options.Threads, options.Connections);
        console.MarkupLine(Markup.Escape(string.Create(Invariant,
            $"devicebench load {options.Url}: {mode}, {Count(options.Connections, "connection")}, {Count(threads, "thread")}{pipeline}, {options.Duration.TotalSeconds:0.###} s{warmup}")));
    }

    public static void Render(IAnsiConsole console, LoadResult result, bool withDistribution)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var throughput = new Table().Border(TableBorder.Rounded).AddColumns("requests", "requests/s", "read MB/s", "measured s", "reconnects", "unfinished");
        var seconds = Math.Max(result.MeasuredSeconds, 1e-9);
        throughput.AddRow(N(result.Requests), result.RequestsPerSecond.ToString("N1", Invariant),
            (result.BytesRead / seconds / 1e6).ToString("F2", Invariant), result.MeasuredSeconds.ToString("F2", Invariant),
            N(result.Reconnects), N(result.Unfinished));
        console.Write(throughput);

        var columns = new List<(string Name, LatencySummary Summary)>
        {
            (result.UncorrectedLatency is null ? "latency" : "corrected", result.Latency),
        };
        if (result.UncorrectedLatency is { } uncorrected)
        {
            columns.Add(("uncorrected", uncorrected));
        }

        if (result.SendLag is { } lag)
        {
            columns.Add(("send lag", lag));
        }

        var latency = new Table().Border(TableBorder.Rounded).AddColumn("");
        columns.ForEach(c => latency.AddColumn(new TableColumn(c.Name).RightAligned()));
        AddLatencyRow(latency, "p50", columns, s => s.P50Micros);
        AddLatencyRow(latency, "p75", columns, s => s.P75Micros);
        AddLatencyRow(latency, "p90", columns, s => s.P90Micros);
        AddLatencyRow(latency, "p99", columns, s => s.P99Micros);
        AddLatencyRow(latency, "p99.9", columns, s => s.P999Micros);
        AddLatencyRow(latency, "p99.99", columns, s => s.P9999Micros);
        AddLatencyRow(latency, "max", columns, s => s.MaxMicros);
        AddLatencyRow(latency, "mean", columns, s => s.MeanMicros);
        AddLatencyRow(latency, "stdev", columns, s => s.StdDevMicros);
        console.Write(latency);
        RenderErrors(console, result.Errors);
        var engine = result.Engine;
        console.MarkupLine(Markup.Escape(string.Create(Invariant,
            $"engine: CPU {engine.CpuPercent:F0} %, busy {engine.BusyCpuPercent:F0} % (100 % = one core; {engine.CoresAvailable} available), {engine.ConnectionsOpenedAtStart} connections opened, {engine.WorkerAllocatedBytes:N0} bytes allocated on load threads{(engine.RealtimeSends ? ", sends scheduled on SCHED_FIFO threads" : "")}")));
        foreach (var warning in engine.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        if (withDistribution && result.Latency.Distribution is { } distribution)
        {
            RenderDistribution(console, distribution);
        }
    }

    private static void AddLatencyRow(Table table, string row, List<(string Name, LatencySummary Summary)> columns,
        Func<LatencySummary, double> figure) =>
        table.AddRow([row, .. columns.Select(c => c.Summary.Count == 0 ? LatencyText.NotMeasured : LatencyText.Format(figure(c.Summary)))]);

    private static void RenderErrors(IAnsiConsole console, ErrorCounts errors)
    {
        if (errors.Total == 0)
        {
            console.MarkupLine("errors: none");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("errors", "count");
        foreach (var error in Enum.GetValues<ErrorClass>().Where(e => errors[e] > 0))
        {
            table.AddRow(error.ToString().ToLowerInvariant(), N(errors[error]));
        }

        table.AddRow("[bold]total[/]", $"[bold]{N(errors.Total)}[/]");
        console.Write(table);
    }

    private static void RenderDistribution(IAnsiConsole console, IReadOnlyList<PercentilePoint> distribution)
    {
        // The layout of HdrHistogram's own percentile output (.hgrm), so existing plotters read it.
        console.WriteLine("       Value(us)   Percentile   TotalCount 1/(1-Percentile)");
        foreach (var point in distribution)
        {
            var fraction = point.Percentile / 100;
            var inverse = fraction < 1 ? (1 / (1 - fraction)).ToString("F2", Invariant) : "";
            console.WriteLine(string.Create(Invariant, $"{point.ValueMicros,16:F3} {fraction,12:F6} {point.TotalCount,12} {inverse,14}"));
        }
    }

    private static string N(long value) => value.ToString("N0", Invariant);

    private static string Count(long value, string noun) => $"{N(value)} {noun}{(value == 1 ? "" : "s")}";
}
