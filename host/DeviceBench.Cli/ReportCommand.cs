using System.CommandLine;
using DeviceBench.Cli.Bench;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench report DIR</c>: re-renders a saved run — the terminal table, report.md, report.html and plots.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = RunFolderArgument.Create();
        var command = new Command("report", "Re-render a saved run: terminal summary, report.md, report.html and plots. "
            + "Exit codes: 0 written; 1 the reports could not be written; 2 DIR is not a run folder this devicebench reads "
            + "(no run.json, not valid, or an unknown schemaVersion).") { directory };
        command.SetAction(parse => Run(parse.GetRequiredValue(directory).FullName));
        return command;
    }

    private static int Run(string directory)
    {
        if (RunFolderArgument.Load("report", directory) is not { } run) return ExitCodes.Usage;
        try
        {
            RunTable.Render(AnsiConsole.Console, run);
            var files = ReportWriter.WriteAll(directory);
            AnsiConsole.MarkupLine($"report: {Markup.Escape(files.HtmlPath)}");
            AnsiConsole.MarkupLine($"        {Markup.Escape(files.MarkdownPath)} ({files.PlotPaths.Count} plot files)");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"devicebench report: cannot write the report into {directory}: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
