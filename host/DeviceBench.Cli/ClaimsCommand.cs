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
        // One block per claim rather than a ten-column table: it reads at 80 columns (the notes are prose and wrap).
        AnsiConsole.MarkupLine($"[bold]The seed post's claims on {Markup.Escape(run.Board)} ({Markup.Escape(run.Architecture)})[/], Rust / Go ratios");
        foreach (var row in SeedClaims.Of(run))
        {
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(row.Claim)}[/] ({(row.Comparable ? "comparable" : "[yellow]not comparable[/]")})");
            AnsiConsole.WriteLine($"  post  Rust {row.PostRust} · Go {row.PostGo} · ratio {row.PostRatio}");
            AnsiConsole.WriteLine($"  here  rust-hyper {row.HereRust} · go-nethttp {row.HereGo} · ratio {row.HereRatio}");
            AnsiConsole.WriteLine($"  C#    {row.HereCsharp}");
            AnsiConsole.WriteLine($"  note  {row.Note}");
        }
        return ExitCodes.Success;
    }
}
