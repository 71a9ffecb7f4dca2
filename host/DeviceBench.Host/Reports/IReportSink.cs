namespace DeviceBench.Host.Reports;

/// <summary>
/// The few shapes a report is made of. <see cref="ReportContent"/> decides what to say once; Markdown and HTML only
/// decide how it looks, so the two files cannot drift apart. Every string is plain text: a sink escapes it.
/// </summary>
internal interface IReportSink
{
    void Heading(int level, string text);

    void Paragraph(string text);

    /// <summary>Something the reader must not miss, such as a partial run's reason.</summary>
    void Warning(string text);

    void Bullets(IReadOnlyList<string> items);

    void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows);

    void Plot(RenderedPlot plot);
}
