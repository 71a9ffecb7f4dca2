using System.Buffers;
using System.Text;

namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>
/// Every response as complete bytes — status line, headers and body — built once, with the Date field patched in
/// place once a second (RFC 9110 §6.6.1 asks for the time the message was generated; one-second resolution is what
/// IMF-fixdate has). Answering a request is one copy. One table per event loop, so patching never races a reader.
/// </summary>
internal sealed class ResponseTable
{
    private const int DateLength = 29; // "Sun, 06 Nov 1994 08:49:37 GMT"
    private static readonly int Variants = Enum.GetValues<ConnectionHeader>().Length;

    private readonly byte[] _bytes;
    private readonly Entry[] _entries;

    public ResponseTable(DateTime utcNow)
    {
        var writer = new ArrayBufferWriter<byte>(4096);
        var kinds = Enum.GetValues<ResponseKind>();
        _entries = new Entry[kinds.Length * Variants];
        foreach (var kind in kinds)
            foreach (var connection in Enum.GetValues<ConnectionHeader>())
                _entries[Index(kind, connection)] = Build(writer, kind, connection);
        _bytes = writer.WrittenSpan.ToArray();
        foreach (var entry in _entries) MaxResponseBytes = Math.Max(MaxResponseBytes, entry.Length);
        SetDate(utcNow);
    }

    /// <summary>The longest response, which bounds how many fit in a send buffer.</summary>
    public int MaxResponseBytes { get; }

    /// <param name="headersOnly">For HEAD: the same fields, Content-Length included, without the body (RFC 9110 §9.3.2).</param>
    public ReadOnlySpan<byte> Get(ResponseKind kind, ConnectionHeader connection, bool headersOnly)
    {
        ref readonly var entry = ref _entries[Index(kind, connection)];
        return _bytes.AsSpan(entry.Offset, headersOnly ? entry.HeadLength : entry.Length);
    }

    /// <summary>Formats the date once and copies it into every response; allocation-free.</summary>
    public void SetDate(DateTime utcNow)
    {
        Span<byte> date = stackalloc byte[DateLength];
        FormatImfFixdate(utcNow, date);
        foreach (var entry in _entries) date.CopyTo(_bytes.AsSpan(entry.DateOffset, DateLength));
    }

    /// <summary>
    /// IMF-fixdate (RFC 9110 §5.6.7), "Sun, 06 Nov 1994 08:49:37 GMT", written by hand: the BCL's 'R' format goes
    /// through its general date formatter, which brings time-zone support along (37,312 bytes of the lean build).
    /// </summary>
    internal static void FormatImfFixdate(DateTime utc, Span<byte> date)
    {
        "SunMonTueWedThuFriSat"u8.Slice((int)utc.DayOfWeek * 3, 3).CopyTo(date);
        date[3] = (byte)',';
        date[4] = (byte)' ';
        TwoDigits(utc.Day, date[5..]);
        date[7] = (byte)' ';
        "JanFebMarAprMayJunJulAugSepOctNovDec"u8.Slice((utc.Month - 1) * 3, 3).CopyTo(date[8..]);
        date[11] = (byte)' ';
        TwoDigits(utc.Year / 100, date[12..]);
        TwoDigits(utc.Year % 100, date[14..]);
        date[16] = (byte)' ';
        TwoDigits(utc.Hour, date[17..]);
        date[19] = (byte)':';
        TwoDigits(utc.Minute, date[20..]);
        date[22] = (byte)':';
        TwoDigits(utc.Second, date[23..]);
        " GMT"u8.CopyTo(date[25..]);

        static void TwoDigits(int value, Span<byte> to)
        {
            to[0] = (byte)('0' + (value / 10));
            to[1] = (byte)('0' + (value % 10));
        }
    }

    public static ResponseKind ForError(int status) => status switch
    {
        408 => ResponseKind.RequestTimeout,
        413 => ResponseKind.ContentTooLarge,
        414 => ResponseKind.UriTooLong,
        431 => ResponseKind.HeaderFieldsTooLarge,
        501 => ResponseKind.NotImplemented,
        505 => ResponseKind.VersionNotSupported,
        _ => ResponseKind.BadRequest,
    };

    private static int Index(ResponseKind kind, ConnectionHeader connection) => (int)kind * Variants + (int)connection;

    private static Entry Build(ArrayBufferWriter<byte> writer, ResponseKind kind, ConnectionHeader connection)
    {
        var (status, body, contentType) = kind switch
        {
            ResponseKind.Plain => ("200 OK", Routes.PlainBody.ToArray(), Routes.PlainContentType),
            ResponseKind.Json => ("200 OK", Routes.JsonBody.ToArray(), Routes.JsonContentType),
            ResponseKind.NotFound => ("404 Not Found", [], null),
            ResponseKind.MethodNotAllowed => ("405 Method Not Allowed", [], null),
            ResponseKind.ServerOptions => ("200 OK", [], null),
            ResponseKind.RequestTimeout => ("408 Request Timeout", [], null),
            ResponseKind.ContentTooLarge => ("413 Content Too Large", [], null),
            ResponseKind.UriTooLong => ("414 URI Too Long", [], null),
            ResponseKind.HeaderFieldsTooLarge => ("431 Request Header Fields Too Large", [], null),
            ResponseKind.NotImplemented => ("501 Not Implemented", [], null),
            ResponseKind.VersionNotSupported => ("505 HTTP Version Not Supported", [], null),
            _ => ("400 Bad Request", Array.Empty<byte>(), (string?)null),
        };
        var head = new StringBuilder().Append("HTTP/1.1 ").Append(status).Append("\r\n");
        // 405 MUST carry Allow (RFC 9110 §15.5.6); OPTIONS * lists the same methods.
        if (kind is ResponseKind.MethodNotAllowed or ResponseKind.ServerOptions) head.Append("Allow: GET, HEAD\r\n");
        if (connection == ConnectionHeader.KeepAlive) head.Append("Connection: keep-alive\r\n");
        if (connection == ConnectionHeader.Close) head.Append("Connection: close\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        if (contentType is not null) head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Date: ");
        int offset = writer.WrittenCount;
        int dateOffset = offset + head.Length;
        head.Append(' ', DateLength).Append("\r\n\r\n");
        writer.Write(Encoding.ASCII.GetBytes(head.ToString()));
        writer.Write(body);
        return new Entry(offset, head.Length + body.Length, head.Length, dateOffset);
    }

    private readonly record struct Entry(int Offset, int Length, int HeadLength, int DateOffset);
}
