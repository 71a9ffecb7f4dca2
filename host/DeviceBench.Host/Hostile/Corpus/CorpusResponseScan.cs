using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>
/// Splits everything a server wrote on one connection into responses (RFC 9112 §6.3 framing: Content-Length, chunked,
/// or until close), so a second response — the server answering bytes it should have treated as body or garbage — is
/// counted, not mistaken for the tail of the first. Interim 1xx responses are skipped.
/// </summary>
/// <param name="Statuses">Final responses in order; more than one to a single hostile request is smuggling.</param>
/// <param name="TrailingBytes">Bytes after the last whole response that do not make one (a cut-off or garbage reply).</param>
public sealed record CorpusResponseScan(IReadOnlyList<int> Statuses, int TrailingBytes)
{
    public static CorpusResponseScan Parse(ReadOnlySpan<byte> data)
    {
        var statuses = new List<int>();
        int at = 0;
        while (at < data.Length)
        {
            var rest = data[at..];
            int headEnd = rest.IndexOf("\r\n\r\n"u8);
            if (headEnd < 0 || !TryHead(Encoding.ASCII.GetString(rest[..headEnd]), out int status, out long? length, out bool chunked)) break;
            int bodyStart = headEnd + 4;
            long bodyLength = status is (>= 100 and < 200) or 204 or 304 ? 0
                : chunked ? ChunkedLength(rest[bodyStart..])
                : length ?? rest.Length - bodyStart;
            if (bodyLength < 0 || bodyStart + bodyLength > rest.Length)
            {
                statuses.Add(status);
                return new CorpusResponseScan(statuses, 0);
            }
            if (status >= 200) statuses.Add(status);
            at += bodyStart + (int)bodyLength;
        }
        return new CorpusResponseScan(statuses, data.Length - at);
    }

    private static bool TryHead(string head, out int status, out long? length, out bool chunked)
    {
        string[] lines = head.Split("\r\n");
        string[] parts = lines[0].Split(' ', 3);
        (status, length, chunked) = (0, null, false);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status)) return false;
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, CultureInfo.InvariantCulture, out long n)) length = n;
            if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)) chunked = value.EndsWith("chunked", StringComparison.OrdinalIgnoreCase);
        }
        return true;
    }

    /// <summary>Bytes of a complete chunked body (through its last CRLF), or -1 when it is not all here.</summary>
    private static long ChunkedLength(ReadOnlySpan<byte> body)
    {
        int at = 0;
        while (true)
        {
            int lineEnd = body[at..].IndexOf("\r\n"u8);
            if (lineEnd < 0) return -1;
            string sizeText = Encoding.ASCII.GetString(body.Slice(at, lineEnd)).Split(';')[0].Trim();
            if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size) || size < 0) return -1;
            at += lineEnd + 2;
            if (size == 0)
            {
                if (body[at..].StartsWith("\r\n"u8)) return at + 2;
                int trailersEnd = body[at..].IndexOf("\r\n\r\n"u8);
                return trailersEnd < 0 ? -1 : at + trailersEnd + 4;
            }
            if (at + size + 2 > body.Length) return -1;
            at += (int)size + 2;
        }
    }
}
