using System.Text;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>(Re)writes a run folder's <c>report.md</c>, <c>report.html</c> and <c>plots/</c> from its <c>run.json</c> alone.</summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    /// <exception cref="InvalidDataException">The folder holds no run this build reads (see <see cref="RunFolder.Load"/>).</exception>
    public static ReportFiles WriteAll(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        var run = RunFolder.Load(runDirectory);
        var plots = Plots.Render(run, runDirectory);
        string markdown = Path.Combine(runDirectory, MarkdownFile);
        string html = Path.Combine(runDirectory, HtmlFile);
        Replace(markdown, MarkdownReport.Render(run, plots));
        Replace(html, HtmlReport.Render(run, plots));
        return new ReportFiles(Path.GetFullPath(markdown), Path.GetFullPath(html),
            [.. plots.SelectMany(p => new[] { p.PngFile, p.SvgFile }).Select(f => Path.GetFullPath(Path.Combine(runDirectory, f)))]);
    }

    /// <summary>Write, then rename: a reader (or a browser refreshing) never sees half a report.</summary>
    private static void Replace(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }
}
