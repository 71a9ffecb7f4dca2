using DeviceBench.Host.Hostile.Corpus;
using Spectre.Console;

namespace DeviceBench.Cli.Hostile;

/// <summary>The <c>hostile</c> command's table.</summary>
public static class CorpusTable
{
    /// <summary>One row per corpus case: what was expected, what the server did, and the verdict.</summary>
    public static Table Create(CorpusReport report)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("case").AddColumn("expected").AddColumn("got").AddColumn("verdict");
        foreach (var o in report.Outcomes)
        {
            string verdict = o.Crashed ? $"[red]CRASH[/] {Markup.Escape(o.Problem ?? "")}"
                : o.Smuggled ? "[red]SMUGGLED[/]"
                : o.AsExpected ? "[green]ok[/]"
                : "[yellow]differs[/]";
            table.AddRow(Markup.Escape(o.Name), o.Expected, Markup.Escape(o.Summary), verdict);
        }
        return table;
    }
}
