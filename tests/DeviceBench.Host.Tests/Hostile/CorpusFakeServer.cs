using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Tests.Hostile;

/// <summary>
/// A loopback server with a deliberately chosen way of reading requests, to prove the runner tells them apart:
/// <see cref="Naive"/> splits requests at every blank line and ignores body framing (the smuggler's favourite),
/// <see cref="Strict"/> refuses anything but a plain GET with 400 and closes, <see cref="Mute"/> reads and never answers.
/// </summary>
internal sealed class CorpusFakeServer : IAsyncDisposable
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!";
    private const string Normal = "GET / HTTP/1.1\r\nHost: devicebench\r\n\r\n";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Mode _mode;

    public enum Mode { Naive, Strict, Mute, DiesAfterFirst }

    public CorpusFakeServer(Mode mode)
    {
        _mode = mode;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = ServeAsync(socket);
                if (_mode == Mode.DiesAfterFirst) { _listener.Stop(); return; }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var pending = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, _stop.Token) is var n and > 0)
            {
                pending.Append(Encoding.Latin1.GetString(buffer, 0, n));
                for (int end; (end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0;)
                {
                    string head = pending.ToString(0, end + 4);
                    pending.Remove(0, end + 4);
                    if (_mode == Mode.Mute) continue;
                    bool plain = head == Normal;
                    if (_mode == Mode.Naive || plain) await socket.SendAsync(Encoding.ASCII.GetBytes(head.StartsWith("GET / ", StringComparison.Ordinal) ? Hello
                        : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), _stop.Token);
                    else { await socket.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token); return; }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
