using System.Globalization;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>
/// Request bytes as corpus text: printable ASCII as itself, and <c>\r \n \t \0 \\ \xHH</c> for everything else, so a
/// file holds NUL, bare LF and raw high bytes while staying readable and diffable.
/// </summary>
public static class CorpusEscapes
{
    public static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 0x7E || (c < 0x20 && c != '\t')) throw new FormatException($"character U+{(int)c:X4} must be written as an escape");
            if (c != '\\') { bytes.Add((byte)c); continue; }
            if (++i == text.Length) throw new FormatException("a lone backslash ends the line: write \\\\");
            switch (text[i])
            {
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '0': bytes.Add(0); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'x' when i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b):
                    bytes.Add(b);
                    i += 2;
                    break;
                default: throw new FormatException($"unknown escape \\{text[i]} (known: \\r \\n \\t \\0 \\\\ \\xHH)");
            }
        }
        return [.. bytes];
    }

    /// <summary>The inverse, for printing a case back: the text <see cref="Decode"/> turns into <paramref name="bytes"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            _ = b switch
            {
                (byte)'\r' => text.Append("\\r"),
                (byte)'\n' => text.Append("\\n"),
                (byte)'\t' => text.Append("\\t"),
                0 => text.Append("\\0"),
                (byte)'\\' => text.Append("\\\\"),
                < 0x20 or > 0x7E => text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}"),
                _ => text.Append((char)b),
            };
        }
        return text.ToString();
    }
}
