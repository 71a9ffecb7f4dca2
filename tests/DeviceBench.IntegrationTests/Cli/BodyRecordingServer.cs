using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary>
/// A loopback HTTP/1.1 server that keeps the body of every request it frames (Content-Length only) and answers 200:
/// the contenders answer POST without showing what they received, and the test needs to see the bytes arrive.
/// </summary>
public sealed class BodyRecordingServer : IAsyncDisposable
{
    private static readonly byte[] Ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _accepting;

    public BodyRecordingServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true) _connections.Add(ServeAsync(await _listener.AcceptSocketAsync(_stop.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, _stop.Token) is var n and > 0)
            {
                pending.AddRange(buffer.AsSpan(0, n));
                while (TryTake(pending, out var body))
                {
                    Bodies.Enqueue(body);
                    await socket.SendAsync(Ok, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException) { }
    }

    private static bool TryTake(List<byte> pending, out string body)
    {
        body = "";
        var text = Encoding.Latin1.GetString([.. pending]);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0) return false;
        var length = text[..headEnd].Split("\r\n")
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        if (pending.Count < headEnd + 4 + length) return false;
        body = Encoding.UTF8.GetString([.. pending.Skip(headEnd + 4).Take(length)]);
        pending.RemoveRange(0, headEnd + 4 + length);
        return true;
    }
}
