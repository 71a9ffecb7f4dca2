using System.Globalization;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>One case while <see cref="CorpusFile"/> reads its lines.</summary>
internal sealed class CorpusCaseBuilder(string name, int line)
{
    private readonly List<byte> _request = [];
    private readonly List<int> _expected = [];
    private string _category = "other";
    private bool _oneBytePerWrite;
    private bool _closeRequired = true;
    private bool _silentCloseAllowed;
    private string? _hidden;

    /// <summary><c>&gt; text</c> (one optional space after the marker is not part of the text) or <c>&gt;*N text</c>.</summary>
    public void Append(string line)
    {
        int repeat = 1;
        string rest = line[1..];
        if (rest.StartsWith('*'))
        {
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) throw new FormatException("'>*N' needs a space and the text to repeat");
            repeat = CorpusFile.ParseCount(rest[1..space]);
            rest = rest[space..];
        }
        if (rest.StartsWith(' ')) rest = rest[1..];
        byte[] bytes = CorpusEscapes.Decode(rest);
        for (int k = 0; k < repeat; k++) _request.AddRange(bytes);
    }

    public void Set(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) throw new FormatException($"expected 'key: value' or '> request bytes', got '{line}'");
        string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
        switch (key)
        {
            case "expect":
                foreach (string item in value.Split('|').Select(v => v.Trim()))
                    if (item == "silent") _silentCloseAllowed = true;
                    else _expected.Add(ParseStatus(item));
                break;
            case "category": _category = value; break;
            case "send":
                _oneBytePerWrite = value switch { "bytewise" => true, "whole" => false, _ => throw new FormatException($"send is 'whole' or 'bytewise', not '{value}'") };
                break;
            case "close":
                _closeRequired = value switch { "required" => true, "optional" => false, _ => throw new FormatException($"close is 'required' or 'optional', not '{value}'") };
                break;
            case "hides": _hidden = value.StartsWith('/') ? value : throw new FormatException($"hides takes a path such as /smuggled, not '{value}'"); break;
            case "note": break;
            default: throw new FormatException($"unknown key '{key}' (known: expect, close, category, send, hides, note)");
        }
    }

    public CorpusCase Build(string source)
    {
        string? problem = name.Length == 0 || name.Any(char.IsWhiteSpace) ? $"a case name is one word, got '{name}'"
            : _expected.Count == 0 ? $"case '{name}' has no status in its 'expect:' line"
            : _request.Count == 0 ? $"case '{name}' has no request bytes" : null;
        if (problem is not null) throw new CorpusFormatException($"{source}:{line}: {problem}");
        return new CorpusCase(name, _category, [.. _expected.Distinct()], [.. _request], _oneBytePerWrite, _closeRequired, _silentCloseAllowed, _hidden, line);
    }

    private static int ParseStatus(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int s) && s is >= 100 and <= 599
            ? s : throw new FormatException($"'{text}' is not an HTTP status (or 'silent')");
}
