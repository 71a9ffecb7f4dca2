using System.Buffers;

namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>The character classes of RFC 9110/9112 and RFC 3986 that the parser scans with vectorised runs.</summary>
internal static class HttpChars
{
    private const string Alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Digit = "0123456789";
    private const string Unreserved = Alpha + Digit + "-._~";
    private const string SubDelims = "!$&'()*+,;=";

    /// <summary>tchar (RFC 9110 §5.6.2): methods and field names.</summary>
    public static readonly SearchValues<byte> Token = Ascii(Alpha + Digit + "!#$%&'*+-.^_`|~");

    /// <summary>pchar and "/" minus "%" (RFC 3986 §3.3), which is checked as a triplet on its own.</summary>
    public static readonly SearchValues<byte> Path = Ascii(Unreserved + SubDelims + ":@/");

    /// <summary>query (RFC 3986 §3.4) minus "%".</summary>
    public static readonly SearchValues<byte> Query = Ascii(Unreserved + SubDelims + ":@/?");

    /// <summary>reg-name (RFC 3986 §3.2.2) minus "%": the characters of a host name; see <see cref="AuthoritySyntax"/>.</summary>
    public static readonly SearchValues<byte> RegName = Ascii(Unreserved + SubDelims);

    /// <summary>field-vchar, SP and HTAB (RFC 9110 §5.5); obs-text (0x80–0xFF) is allowed, every other CTL is not.</summary>
    public static readonly SearchValues<byte> FieldValue = SearchValues.Create(FieldValueBytes());

    public static bool IsToken(byte b) => Token.Contains(b);

    public static bool IsHexDigit(byte b) => char.IsAsciiHexDigit((char)b);

    public static byte ToLower(byte b) => (byte)(b | ((uint)(b - 'A') <= 'Z' - 'A' ? 0x20 : 0));

    private static SearchValues<byte> Ascii(string chars) => SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(chars));

    private static byte[] FieldValueBytes()
    {
        var bytes = new List<byte> { (byte)'\t' };
        for (int b = 0x20; b <= 0xFF; b++) if (b != 0x7F) bytes.Add((byte)b);
        return [.. bytes];
    }
}
