namespace DeviceBench.Host.Reports;

/// <summary>A plot saved in the run folder as PNG (for Markdown) and SVG (inlined into HTML).</summary>
/// <param name="Name">File stem, also the prefix that keeps SVG ids unique once several plots share one page.</param>
/// <param name="Rate">The open-loop rate of a latency spectrum; null for plots over time.</param>
/// <param name="PngFile">Relative to the run folder, with '/' so Markdown links work everywhere.</param>
/// <param name="Svg">The SVG document as written to <paramref name="SvgFile"/>.</param>
public sealed record RenderedPlot(string Name, string Title, double? Rate, string PngFile, string SvgFile, string Svg);
