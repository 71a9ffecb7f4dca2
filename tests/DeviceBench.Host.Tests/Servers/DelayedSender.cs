using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>
/// Sends replies at precise instants from one dedicated thread. It sleeps with nanosleep (timer slack 1 ns, so
/// wake-ups land within tens of µs) until about 100 µs before each instant and spins the rest: Task.Delay would
/// add up to a millisecond of timer granularity to the distribution under test, and spinning the whole wait
/// would take a core the engine under test needs on a 2-core machine. Each send reports when it really happened.
/// </summary>
public sealed class DelayedSender : IDisposable
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    private readonly PriorityQueue<(Socket Socket, byte[] Bytes, TaskCompletionSource<long> Sent), long> _queue = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stopped;

    public DelayedSender()
    {
        _thread = new Thread(() =>
        {
            _ = Host.Load.Linux.TimerSlack.MinimiseForCurrentThread();
            Run();
        })
        { IsBackground = true, Name = "test-server-delays" };
        _thread.Start();
    }

    /// <summary>Sends at <paramref name="dueTicks"/>; completes with the Stopwatch ticks at which the send began.</summary>
    public Task<long> SendAt(long dueTicks, Socket socket, byte[] bytes)
    {
        var sent = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_queue)
        {
            _queue.Enqueue((socket, bytes, sent), dueTicks);
        }

        _wake.Set();
        return sent.Task;
    }

    public void Dispose()
    {
        _stopped = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int usleep(uint micros);

    private void Run()
    {
        while (!_stopped)
        {
            (Socket Socket, byte[] Bytes, TaskCompletionSource<long> Sent) item;
            long due;
            long napMicros;
            lock (_queue)
            {
                // Decided once, under the lock: an item is sent only if this iteration took it off the queue.
                if (!_queue.TryPeek(out item, out due))
                {
                    napMicros = -1;
                }
                else if (due - Stopwatch.GetTimestamp() > SpinTicks)
                {
                    // At least 1 µs: a nap that rounds down to 0 would read as "taken" below while still queued,
                    // and the reply would be sent (and its task completed) twice.
                    napMicros = Math.Clamp((due - Stopwatch.GetTimestamp() - SpinTicks) * 1_000_000 / Stopwatch.Frequency, 1, 1_000);
                }
                else
                {
                    _queue.Dequeue();
                    napMicros = 0;
                }
            }

            if (napMicros < 0)
            {
                _wake.WaitOne(100);
                continue;
            }

            if (napMicros > 0)
            {
                // Short naps, so a new, earlier reply is picked up within a millisecond.
                _ = usleep((uint)napMicros);
                continue;
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(10);
            }

            try
            {
                // Stamped before sending: the client may read the reply before this thread runs again.
                var sendTicks = Stopwatch.GetTimestamp();
                item.Socket.Send(item.Bytes);
                item.Sent.SetResult(sendTicks);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                item.Sent.SetException(e);
            }
        }
    }
}
