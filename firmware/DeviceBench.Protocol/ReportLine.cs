using System.Globalization;
using System.Text;

namespace DeviceBench.Protocol;

/// <summary>
/// One protocol-v1 line: <c>#DB1 RECORD key=value ... *CRC</c>. Formats and parses the envelope;
/// the record types (<see cref="StatRecord"/> and friends) give the fields their meaning.
/// </summary>
public sealed class ReportLine
{
    public const string Prefix = "#DB1 ";
    private readonly List<KeyValuePair<string, string>> _fields;

    public ReportLine(string record, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        if (!IsRecordName(record)) throw new ArgumentException($"record name '{record}' is not upper-case letters", nameof(record));
        Record = record;
        _fields = fields is null ? [] : [.. fields];
    }

    public string Record { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public ReportLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public ReportLine Add(string key, long? value) => value is { } v ? Add(key, v) : this;

    public ReportLine Add(string key, string? value)
    {
        if (value is null) return this;
        if (!IsKey(key)) throw new ArgumentException($"key '{key}' is not lower snake case", nameof(key));
        if (!IsValue(value)) throw new ArgumentException($"value '{value}' of '{key}' has characters outside [A-Za-z0-9._:/+-]", nameof(value));
        _fields.Add(new(key, value));
        return this;
    }

    public string? Get(string key)
    {
        foreach (var f in _fields) if (f.Key == key) return f.Value;
        return null;
    }

    public long? GetInt64(string key) =>
        long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null;

    /// <summary>The line without its terminating newline.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Prefix, 160).Append(Record);
        foreach (var (k, v) in _fields) sb.Append(' ').Append(k).Append('=').Append(v);
        ushort crc = Crc16Ccitt.Compute(sb.ToString());
        return sb.Append(" *").Append(crc.ToString("X4", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Parses one received line (a trailing CR/LF is ignored). Text before the last prefix is boot-log noise.</summary>
    public static LineKind TryParse(string line, out ReportLine? result)
    {
        result = null;
        int start = line.LastIndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0) return LineKind.Noise;
        var body = line.AsSpan(start).TrimEnd("\r\n");
        int star = body.LastIndexOf(" *", StringComparison.Ordinal);
        if (star < 0 || body.Length - star != 6) return LineKind.Corrupt;
        if (!ushort.TryParse(body[(star + 2)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort crc)
            || !IsUpperHex(body[(star + 2)..]) || crc != Crc16Ccitt.Compute(body[..star]))
            return LineKind.Corrupt;
        var tokens = body[Prefix.Length..star].ToString().Split(' ');
        if (!IsRecordName(tokens[0])) return LineKind.Corrupt;
        var fields = new List<KeyValuePair<string, string>>(tokens.Length - 1);
        foreach (string token in tokens.AsSpan(1))
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !IsKey(token[..eq]) || !IsValue(token[(eq + 1)..])) return LineKind.Corrupt;
            fields.Add(new(token[..eq], token[(eq + 1)..]));
        }
        result = new ReportLine(tokens[0], fields);
        return LineKind.Valid;
    }

    private static bool IsUpperHex(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (!char.IsAsciiDigit(c) && c is not (>= 'A' and <= 'F')) return false;
        return true;
    }

    private static bool IsRecordName(string s)
    {
        if (s.Length == 0) return false;
        foreach (char c in s) if (!char.IsAsciiLetterUpper(c)) return false;
        return true;
    }

    private static bool IsKey(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterLower(s[0])) return false;
        foreach (char c in s) if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_') return false;
        return true;
    }

    private static bool IsValue(string s)
    {
        if (s.Length == 0) return false;
        foreach (char c in s) if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '/' or '+' or '-')) return false;
        return true;
    }
}
