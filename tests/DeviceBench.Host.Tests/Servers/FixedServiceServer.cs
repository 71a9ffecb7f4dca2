using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>
/// An HTTP/1.1 server of known capacity: one service thread takes requests in arrival order from every connection and
/// spends exactly <see cref="ServiceTime"/> on each, so it can answer at most 1 / <see cref="ServiceTime"/> requests a
/// second, whatever the offered rate. The service time is kept on a schedule, not slept per request: each request
/// starts when it arrived or when the one before finished, whichever is later, and ends one service time after. A
/// late wake-up (a busy machine) makes an answer late but never lowers the capacity, which is what the knee test
/// checks against. Requests queued by a client that has since closed its connection are dropped unserved, as the
/// next test step must not pay for the last step's backlog.
/// </summary>
public sealed class FixedServiceServer : IAsyncDisposable
{
    private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly BlockingCollection<(Connection Connection, long ArrivalTicks)> _queue = [];
    private readonly Thread _service;
    private readonly Task _acceptLoop;
    private long _served;

    static FixedServiceServer()
    {
        // Connections are read on the thread pool, which grows by one thread every ~500 ms when the test runner keeps some
        // blocked: a half-second hole in reading would look like the server's own capacity (see TestHttpServer).
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completionPorts, 64));
    }

    public FixedServiceServer(TimeSpan serviceTime)
    {
        ServiceTime = serviceTime;
        _listener.Start(1024);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _service = new Thread(Serve) { IsBackground = true, Name = "fixed-service" };
        _service.Start();
        _acceptLoop = AcceptAsync();
    }

    public TimeSpan ServiceTime { get; }

    public Uri Url { get; }

    /// <summary>The most requests a second this server can answer.</summary>
    public double CapacityPerSecond => 1 / ServiceTime.TotalSeconds;

    public long Served => Interlocked.Read(ref _served);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _queue.CompleteAdding();
        await _acceptLoop.ConfigureAwait(false);
        _service.Join();
        _queue.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                _ = ReadAsync(new Connection(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Frames GET requests (no bodies) by their blank line and queues one service per request.</summary>
    private async Task ReadAsync(Connection connection)
    {
        var buffer = new byte[16 * 1024];
        int matched = 0;
        try
        {
            while (true)
            {
                int received = await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (received == 0) break;
                long now = Stopwatch.GetTimestamp();
                foreach (byte b in buffer.AsSpan(0, received))
                {
                    // Counts "\r\n\r\n" across receive boundaries.
                    matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
                    if (matched < 4) continue;
                    matched = 0;
                    if (!_queue.IsAddingCompleted) _queue.Add((connection, now));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            connection.Closed = true;
            connection.Socket.Dispose();
        }
    }

    private void Serve()
    {
        long serviceTicks = (long)(ServiceTime.TotalSeconds * Stopwatch.Frequency);
        long free = 0;
        foreach (var (connection, arrival) in _queue.GetConsumingEnumerable())
        {
            if (connection.Closed) continue;
            long done = Math.Max(arrival, free) + serviceTicks;
            free = done;
            while (Stopwatch.GetTimestamp() is var now && now < done)
                Thread.Sleep((int)Math.Max(1, Math.Ceiling((done - now) * 1000.0 / Stopwatch.Frequency)));
            try
            {
                connection.Socket.Send(Response);
                Interlocked.Increment(ref _served);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                connection.Closed = true;
            }
        }
    }

    private sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public volatile bool Closed;
    }
}
