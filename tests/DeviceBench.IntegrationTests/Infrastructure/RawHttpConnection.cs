using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.IntegrationTests.Infrastructure;

/// <summary>
/// A byte-exact HTTP/1.x client for conformance checks: writes exactly what a test gives it and parses responses
/// strictly (Content-Length framing only), so a chunked reply or a stray byte shows up as a failure.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];

    public RawHttpConnection(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        _socket.Connect("127.0.0.1", port);
    }

    public void Send(string request) => Send(Encoding.ASCII.GetBytes(request));

    public void Send(byte[] bytes) => _socket.Send(bytes);

    public RawResponse ReadResponse(bool head = false)
    {
        int end;
        while ((end = IndexOfHeaderEnd()) < 0)
            if (!Fill()) throw new IOException($"connection closed before a full header; got: {Encoding.ASCII.GetString([.. _pending])}");
        string headerText = Encoding.ASCII.GetString(_pending.GetRange(0, end).ToArray());
        _pending.RemoveRange(0, end + 4);
        var lines = headerText.Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        var headers = lines.Skip(1).Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant(),
            Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var response = new RawResponse(statusParts[0], int.Parse(statusParts[1], CultureInfo.InvariantCulture), headers, []);
        int length = head || response.Status is 204 or 304 ? 0 : int.Parse(response.Header("content-length") ?? "0", CultureInfo.InvariantCulture);
        while (_pending.Count < length)
            if (!Fill()) throw new IOException("connection closed inside a body");
        var body = _pending.GetRange(0, length).ToArray();
        _pending.RemoveRange(0, length);
        return response with { Body = body };
    }

    /// <summary>True when the server closes the connection (read returns 0 or reset) within <paramref name="timeout"/> with no extra bytes.</summary>
    public bool ClosedByServer(TimeSpan timeout)
    {
        if (_pending.Count > 0) return false;
        _socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        try { return !Fill(); }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { return true; }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut) { return false; }
    }

    private bool Fill()
    {
        var buffer = new byte[8192];
        int n = _socket.Receive(buffer);
        if (n == 0) return false;
        _pending.AddRange(buffer.AsSpan(0, n));
        return true;
    }

    private int IndexOfHeaderEnd()
    {
        for (int i = 0; i + 3 < _pending.Count; i++)
            if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n') return i;
        return -1;
    }

    public void Dispose() => _socket.Dispose();
}

public sealed record RawResponse(string Version, int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name == name).Value;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Status, framing headers and body: what must be identical across contenders (Date and header order may differ).</summary>
    public string Normalized => $"{Status} {string.Join(',', Headers.Select(h => h.Name).Where(n => n != "date").Order(StringComparer.Ordinal))} " +
        $"len={Header("content-length")} type={Header("content-type")} conn={Header("connection")?.ToLowerInvariant()} body={BodyText}";
}
