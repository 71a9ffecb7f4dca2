using System.Globalization;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>
/// Reads the hostile-request corpus (hostile-requests.txt beside this file; its header documents the format): a case starts
/// at <c>== name</c>, takes <c>key: value</c> lines (expect, category, send, hides) and request lines — <c>&gt; text</c>
/// appends the text, <c>&gt;*N text</c> appends it N times; the file's own line breaks are never request bytes.
/// </summary>
public static class CorpusFile
{
    public static IReadOnlyList<CorpusCase> Load(string path) => Parse(File.ReadAllText(path), path);

    public static IReadOnlyList<CorpusCase> Parse(string text, string source = "corpus")
    {
        var cases = new List<CorpusCase>();
        CorpusCaseBuilder? current = null;
        string[] lines = text.Split('\n');
        for (int n = 1; n <= lines.Length; n++)
        {
            string line = lines[n - 1].TrimEnd('\r');
            try
            {
                if (line.StartsWith("==", StringComparison.Ordinal))
                {
                    if (current is not null) cases.Add(current.Build(source));
                    current = new CorpusCaseBuilder(line[2..].Trim(), n);
                }
                else if (line.Length == 0 || line.StartsWith('#')) continue;
                else if (current is null) throw new FormatException("text before the first '== name' line");
                else if (line.StartsWith('>')) current.Append(line);
                else current.Set(line);
            }
            catch (FormatException e) when (e is not CorpusFormatException) { throw new CorpusFormatException($"{source}:{n}: {e.Message}", e); }
        }
        if (current is not null) cases.Add(current.Build(source));
        var duplicate = cases.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new CorpusFormatException($"{source}:{duplicate.Last().Line}: case '{duplicate.Key}' appears twice");
        return cases;
    }

    internal static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 1_000_000
            ? n : throw new FormatException($"'{text}' is not a repeat count (1..1000000)");
}
