using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Tests.Hostile;

/// <summary>How <see cref="AttackTestServer"/> treats each connection.</summary>
public enum AttackServerMode
{
    /// <summary>Answers every request 200, keeps the connection.</summary>
    Answer,

    /// <summary>Answers 200, then closes every second connection (the 2nd, 4th, ...).</summary>
    AnswerThenCloseEverySecond,

    /// <summary>Answers every request 503.</summary>
    Unavailable,

    /// <summary>After 10 bytes of a request, answers 408 and closes (a header-read timeout, early).</summary>
    CutOffAfterTenBytes,
}

/// <summary>A raw loopback server for the attack drivers: counts connections, receives, bytes, and how each connection ended.</summary>
public sealed class AttackTestServer : IAsyncDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    private static readonly byte[] Busy = Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    private static readonly byte[] TooSlow = Encoding.ASCII.GetBytes("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly AttackServerMode _mode;
    private readonly Task _acceptLoop;
    private int _accepted;
    private long _receives;
    private long _bytes;
    private long _resets;
    private long _cleanCloses;

    public AttackTestServer(AttackServerMode mode)
    {
        _mode = mode;
        _listener.Start(4096);
        Target = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptAsync();
    }

    public IPEndPoint Target { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    public long Receives => Interlocked.Read(ref _receives);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Connections that ended in ECONNRESET (the client's RST).</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Connections the client ended with an orderly close (FIN).</summary>
    public long CleanCloses => Interlocked.Read(ref _cleanCloses);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] running;
        lock (_connections) running = [.. _connections];
        await Task.WhenAll(running);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var index = Interlocked.Increment(ref _accepted);
                lock (_connections) _connections.Add(Task.Run(() => ServeAsync(socket, index)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket, int index)
    {
        using var _ = socket;
        var buffer = new byte[8192];
        var tail = 0u; // the last four bytes seen, to find each request's "\r\n\r\n" across receives
        var requestBytes = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    Interlocked.Increment(ref _cleanCloses);
                    return;
                }
                Interlocked.Increment(ref _receives);
                Interlocked.Add(ref _bytes, read);
                for (var i = 0; i < read; i++)
                {
                    tail = (tail << 8) | buffer[i];
                    requestBytes++;
                    if (_mode == AttackServerMode.CutOffAfterTenBytes && requestBytes >= 10)
                    {
                        await socket.SendAsync(TooSlow, SocketFlags.None, _stop.Token);
                        return;
                    }
                    if (tail != 0x0D0A0D0A) continue;
                    requestBytes = 0;
                    await socket.SendAsync(_mode == AttackServerMode.Unavailable ? Busy : Ok, SocketFlags.None, _stop.Token);
                    if (_mode == AttackServerMode.AnswerThenCloseEverySecond && index % 2 == 0) return;
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            Interlocked.Increment(ref _resets);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
    }
}
