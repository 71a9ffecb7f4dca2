using System.CommandLine;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench report DIR</c>: re-renders a saved run — the terminal table, report.md, report.html and plots.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "A run folder (results/<time>-<board>/) holding run.json" };
        var command = new Command("report", "Re-render a saved run: terminal summary, report.md, report.html and plots") { directory };
        command.SetAction(parse => Run(parse.GetRequiredValue(directory).FullName));
        return command;
    }

    private static int Run(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "run.json")))
        {
            Console.Error.WriteLine($"devicebench report: {directory} has no run.json (not a run folder? bench writes them under results/)");
            return 2;
        }
        try
        {
            SummaryTable.Render(AnsiConsole.Console, RunFolder.Load(directory));
            var files = ReportWriter.WriteAll(directory);
            AnsiConsole.MarkupLine($"report: {Markup.Escape(files.HtmlPath)}");
            AnsiConsole.MarkupLine($"        {Markup.Escape(files.MarkdownPath)} ({files.PlotPaths.Count} plot files)");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"devicebench report: {directory}: {e.Message}");
            return 1;
        }
    }
}
