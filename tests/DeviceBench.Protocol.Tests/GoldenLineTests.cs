namespace DeviceBench.Protocol.Tests;

/// <summary>The lines under firmware/DeviceBench.Protocol/golden/ were captured from the real firmware; every implementation reads them.</summary>
public class GoldenLineTests
{
    public static TheoryData<string> GoldenFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "*.log")) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Every_golden_report_line_parses_and_formats_back_identically(string file)
    {
        var reader = new ReportReader();
        int records = 0;
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "golden", file)))
        {
            if (!line.StartsWith(ReportLine.Prefix, StringComparison.Ordinal)) continue;
            IReportRecord record = reader.Read(line) ?? throw new InvalidOperationException($"golden line did not parse: {line}");
            Assert.Equal(line, record.ToLine().ToString());
            records++;
        }
        Assert.True(records >= 3, $"{file} holds only {records} records");
        Assert.Equal(0, reader.CorruptLines);
    }

    [Fact]
    public void Golden_captures_cover_every_record_type()
    {
        var seen = new HashSet<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "golden"), "*.log"))
            foreach (string line in File.ReadLines(file))
                if (ReportLine.TryParse(line, out var parsed) == LineKind.Valid) seen.Add(parsed!.Record);
        Assert.Equal(["ALARM", "BOOT", "END", "READY", "STAT"], seen.Order(StringComparer.Ordinal));
    }
}
