namespace DeviceBench.Host.Reports;

/// <summary>Where <see cref="ReportWriter.WriteAll"/> put a run's reports (absolute paths).</summary>
public sealed record ReportFiles(string MarkdownPath, string HtmlPath, IReadOnlyList<string> PlotPaths);
