using System.Text;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>What the test server does with one request: which bytes, how late, and whether it then closes or goes silent.</summary>
public sealed record Reply(byte[] Bytes, TimeSpan Delay = default, bool CloseAfter = false, bool Hang = false)
{
    public const string HelloBody = "Hello, World!";

    public static Reply Ok(string body = HelloBody, int status = 200, string extraHeaders = "") =>
        Raw($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Status")}\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.ASCII.GetByteCount(body)}\r\n{extraHeaders}\r\n{body}");

    public static Reply Chunked(params string[] chunks) =>
        Raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + string.Concat(chunks.Select(c => $"{Encoding.ASCII.GetByteCount(c):x}\r\n{c}\r\n")) + "0\r\n\r\n");

    public static Reply Raw(string text, bool closeAfter = false) => new(Encoding.ASCII.GetBytes(text), CloseAfter: closeAfter);

    public static Reply Silence { get; } = new([], Hang: true);

    public Reply After(TimeSpan delay) => this with { Delay = delay };
}
