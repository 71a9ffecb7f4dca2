using System.CommandLine;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench compare A B</c>: two saved runs side by side, every figure with its ratio B/A.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var first = new Argument<DirectoryInfo>("a") { Description = "Run folder A (the reference)", CustomParser = r => BoundedOption.PathOf(r, t => new DirectoryInfo(t)) };
        var second = new Argument<DirectoryInfo>("b") { Description = "Run folder B (ratios are B/A)", CustomParser = r => BoundedOption.PathOf(r, t => new DirectoryInfo(t)) };
        var markdown = new Option<FileInfo?>("--markdown")
        {
            Description = "Also write the comparison as Markdown to FILE", CustomParser = r => BoundedOption.PathOf(r, t => new FileInfo(t)),
        };
        var command = new Command("compare", "Compare two saved runs: baseline RSS, max req/s and p99 at common rates, with ratios. "
            + "Exit codes: 0 compared; 1 the Markdown file could not be written; 2 A or B is not a run folder this devicebench reads "
            + "(no run.json, not valid, or an unknown schemaVersion).")
        {
            first, second, markdown,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(first).FullName, parse.GetRequiredValue(second).FullName, parse.GetValue(markdown)));
        return command;
    }

    private static int Run(string a, string b, FileInfo? markdown)
    {
        if (Load("A", a) is not { } runA || Load("B", b) is not { } runB) return ExitCodes.Usage;
        var report = CompareReport.Of(runA, runB);
        Render(AnsiConsole.Console, report);
        if (markdown is null) return ExitCodes.Success;
        try
        {
            File.WriteAllText(markdown.FullName, report.ToMarkdown());
            AnsiConsole.MarkupLine($"markdown: {Markup.Escape(markdown.FullName)}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"devicebench compare: cannot write {markdown.FullName}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>A run, or null after saying on stderr which of the two could not be read and why.</summary>
    private static RunRecord? Load(string label, string directory)
    {
        try { return RunFolder.Load(directory); }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"devicebench compare: run {label}: {e.Message}");
            return null;
        }
    }

    public static void Render(IAnsiConsole console, CompareReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        console.MarkupLine($"A: {Markup.Escape(report.LabelA)}");
        console.MarkupLine($"B: {Markup.Escape(report.LabelB)}");
        var table = new Table().Border(TableBorder.Rounded).Title("medians; ratio = B/A");
        table.AddColumn("contender");
        string[] figures = ["baseline RSS", "max req/s", .. report.CommonRates.Select(r => $"p99 @ {FigureText.Whole(r)}/s")];
        foreach (string figure in figures)
            table.AddColumns(new TableColumn($"{figure} A").RightAligned(), new TableColumn("B").RightAligned(), new TableColumn("B/A").RightAligned());
        foreach (var row in report.Rows) table.AddRow([.. CompareReport.Cells(row).Select(Markup.Escape)]);
        console.Write(table);
        if (report.CommonRates.Count == 0) console.MarkupLine("[yellow]no open-loop rate in common: latency not compared (fix rates with bench --rates)[/]");
    }
}
