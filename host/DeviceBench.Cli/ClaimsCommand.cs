using System.CommandLine;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench claims DIR</c>: the seed post's claims beside what a saved run measured (<see cref="SeedClaims"/>), the
/// same rows as the report's claim table. <c>scripts/bench.sh --scenario seed</c> runs what the table needs.
/// </summary>
public static class ClaimsCommand
{
    public static Command Create()
    {
        var directory = RunFolderArgument.Create();
        var command = new Command("claims", "Set the seed post's Rust vs Go claims (memory, 10,000 connections, P99 and GC spikes, build time) beside "
            + "what a saved run measured, with both ratios. Exit codes: 0 printed; 2 DIR is not a run folder this devicebench reads.") { directory };
        command.SetAction(parse => Run(parse.GetRequiredValue(directory).FullName));
        return command;
    }

    private static int Run(string directory)
    {
        if (RunFolderArgument.Load("claims", directory) is not { } run) return ExitCodes.Usage;
        var table = new Table().Border(TableBorder.Rounded).Title($"the seed post's claims on {Markup.Escape(run.Board)} ({Markup.Escape(run.Architecture)})");
        foreach (string column in new[] { "claim", "post Rust", "post Go", "post ratio", "rust-hyper", "go-nethttp", "ratio here", "C#", "comparable" })
            table.AddColumn(Markup.Escape(column));
        var rows = SeedClaims.Of(run);
        foreach (var row in rows)
            table.AddRow([.. new[] { row.Claim, row.PostRust, row.PostGo, row.PostRatio, row.HereRust, row.HereGo, row.HereRatio, row.HereCsharp, row.Comparable ? "yes" : "no" }
                .Select(Markup.Escape)]);
        AnsiConsole.Write(table);
        foreach (var row in rows) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(row.Claim)}:[/] {Markup.Escape(row.Note)}");
        return ExitCodes.Success;
    }
}
