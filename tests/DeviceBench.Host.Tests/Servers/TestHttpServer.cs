using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>
/// A tiny HTTP/1.1 server on a fresh loopback port whose every answer the test decides: it counts and times
/// the requests it frames, answers pipelined requests in order, and can delay, pause, close mid-response,
/// send garbage, wrong lengths or nothing at all.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly Func<RequestInfo, Reply> _respond;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly DelayedSender _delayedSender = new();
    private readonly List<Task> _connectionTasks = [];
    private readonly List<long> _arrivalTicks = [];
    private readonly List<long> _replyDelayTicks = [];
    private readonly Task _acceptLoop;
    private TaskCompletionSource _resumed = Completed();
    private long _requests;
    private long _bodyBytes;
    private int _connectionsAccepted;
    private int _deepestPipeline;

    static TestHttpServer()
    {
        // The server's connections are async and run on the thread pool, which starts with one thread per core and
        // adds one only every ~500 ms when they are busy (the test runner keeps some blocked). Those half-second
        // holes would show up as server latency in the very measurements under test.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completionPorts, 64));
    }

    public TestHttpServer(Func<RequestInfo, Reply>? respond = null, bool recordArrivals = false)
    {
        _respond = respond ?? (_ => Reply.Ok());
        RecordArrivals = recordArrivals;
        // Large enough for thousands of simultaneous connects without dropped SYNs.
        _listener.Start(8192);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri Url { get; }

    public bool RecordArrivals { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    public int ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);

    /// <summary>The most requests that ever arrived together, read in one receive: proof of pipelining.</summary>
    public int DeepestPipeline => Volatile.Read(ref _deepestPipeline);

    /// <summary>Stopwatch ticks at which each request was framed (only with recordArrivals).</summary>
    public IReadOnlyList<long> ArrivalTicks
    {
        get
        {
            lock (_arrivalTicks)
            {
                return [.. _arrivalTicks];
            }
        }
    }

    /// <summary>For delayed replies: from the request's arrival to the moment its reply was really sent (only with recordArrivals).</summary>
    public IReadOnlyList<long> ReplyDelayTicks
    {
        get
        {
            lock (_replyDelayTicks)
            {
                return [.. _replyDelayTicks];
            }
        }
    }

    /// <summary>Keeps reading requests but holds every answer back until <see cref="Resume"/>, like a process under SIGSTOP.</summary>
    public void Pause() => Volatile.Write(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Resume() => Volatile.Read(ref _resumed).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        Task[] tasks;
        lock (_connectionTasks)
        {
            tasks = [.. _connectionTasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        _delayedSender.Dispose();
        _stop.Dispose();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _connectionsAccepted);
                lock (_connectionTasks)
                {
                    _connectionTasks.Add(Task.Run(() => ServeAsync(socket)));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var onConnection = 0L;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    return;
                }

                filled += received;
                var now = Stopwatch.GetTimestamp();
                var replies = new List<(Reply Reply, long ArrivalTicks)>();
                var offset = 0;
                while (RequestFraming.TryFrame(buffer.AsSpan(offset, filled - offset), out var length, out var method, out var body))
                {
                    offset += length;
                    var number = Interlocked.Increment(ref _requests) - 1;
                    Interlocked.Add(ref _bodyBytes, body);
                    if (RecordArrivals)
                    {
                        lock (_arrivalTicks)
                        {
                            _arrivalTicks.Add(now);
                        }
                    }

                    replies.Add((_respond(new RequestInfo(number, onConnection++, method, body)), now));
                }

                buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                filled -= offset;
                InterlockedMax(ref _deepestPipeline, replies.Count);
                await Volatile.Read(ref _resumed).Task.WaitAsync(_stop.Token).ConfigureAwait(false);
                if (!await AnswerAsync(socket, replies).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Answers in request order; false once the connection is to be closed.</summary>
    private async Task<bool> AnswerAsync(Socket socket, List<(Reply Reply, long ArrivalTicks)> replies)
    {
        // Undelayed answers to one pipelined batch go out in a single send, so the client parses several per receive.
        var pending = new List<byte>();
        foreach (var (reply, arrival) in replies)
        {
            if (reply.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
            }

            if (reply.Delay > TimeSpan.Zero)
            {
                await FlushAsync(socket, pending).ConfigureAwait(false);
                var due = arrival + (long)(reply.Delay.TotalSeconds * Stopwatch.Frequency);
                var sent = await _delayedSender.SendAt(due, socket, reply.Bytes).ConfigureAwait(false);
                if (RecordArrivals)
                {
                    lock (_replyDelayTicks)
                    {
                        _replyDelayTicks.Add(sent - arrival);
                    }
                }
            }
            else
            {
                pending.AddRange(reply.Bytes);
            }

            if (reply.CloseAfter)
            {
                await FlushAsync(socket, pending).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Both);
                return false;
            }
        }

        await FlushAsync(socket, pending).ConfigureAwait(false);
        return true;
    }

    private async Task FlushAsync(Socket socket, List<byte> pending)
    {
        if (pending.Count > 0)
        {
            await socket.SendAsync(pending.ToArray(), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            pending.Clear();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
