using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Load.Http;

/// <summary>
/// Serialises the one request every connection sends, once, before the run (as wrk does): the hot loop
/// only copies these bytes into sockets.
/// </summary>
internal static class RequestBytes
{
    public static byte[] Build(Uri url, string method, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        text.Append(method).Append(' ').Append(url.PathAndQuery).Append(" HTTP/1.1\r\n");
        if (!headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append("Host: ").Append(url.IsDefaultPort ? url.Host : url.Authority).Append("\r\n");
        }

        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body is not null && !headers.Any(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        text.Append("\r\n");
        var head = Encoding.ASCII.GetBytes(text.ToString());
        return body is null ? head : [.. head, .. body];
    }

    /// <summary>Repeats one request <paramref name="copies"/> times back to back: a pipelined batch is one send.</summary>
    public static byte[] Repeat(byte[] request, int copies)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = new byte[request.Length * copies];
        for (var i = 0; i < copies; i++)
        {
            request.CopyTo(batch, i * request.Length);
        }

        return batch;
    }
}
