using System.Buffers.Text;
using System.Text;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>Finds where one request ends: its head, then a Content-Length body if it declares one.</summary>
public static class RequestFraming
{
    public static bool TryFrame(ReadOnlySpan<byte> data, out int length, out string method, out int bodyBytes)
    {
        length = 0;
        method = "";
        bodyBytes = 0;
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return false;
        }

        var head = data[..headEnd];
        method = Encoding.ASCII.GetString(head[..head.IndexOf((byte)' ')]);
        var marker = "\r\nContent-Length:"u8;
        var at = IndexOfIgnoreCase(head, marker);
        if (at >= 0)
        {
            var value = head[(at + marker.Length)..];
            var lineEnd = value.IndexOf("\r\n"u8);
            value = (lineEnd >= 0 ? value[..lineEnd] : value).Trim((byte)' ');
            _ = Utf8Parser.TryParse(value, out bodyBytes, out _);
        }

        length = headEnd + 4 + bodyBytes;
        return data.Length >= length;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i + value.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, value.Length), value))
            {
                return i;
            }
        }

        return -1;
    }
}
