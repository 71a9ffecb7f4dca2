using System.Runtime.CompilerServices;
using DeviceBench.Host.Load.Linux;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// One load thread: a single epoll event loop that owns its connections, counters and recorders outright
/// (wrk's model), so the hot path takes no lock. Open-loop sends are scheduled from a priority queue of
/// planned times and woken by a timerfd, spinning only for the last few microseconds before each send.
/// </summary>
/// <remarks>
/// The per-request methods (here, in Worker.Traffic and in the parser) are [AggressiveOptimization]: compiled
/// optimised at their first call instead of starting as tier-0 and instrumented code. In a 6 s run against
/// rust-hyper, tier-0 code was still a visible share of the load thread (ResponseParser.OnHeaderBlock: 1.15 % of
/// samples unoptimised against 0.62 % optimised), and every run pays that warm-up again.
/// </remarks>
internal sealed partial class Worker : IDisposable
{
    private const ulong TimerToken = ulong.MaxValue;

    // Sockets are edge-triggered: a level-triggered socket is polled again at the next epoll_wait only to find it
    // drained (tcp_poll and sock_poll were 4 % of the load thread's samples against rust-hyper). A receive that
    // fills less than the buffer has drained the socket, and whatever arrives later raises a new edge; but a FIN
    // that came with the last bytes raises none of its own, so a peer that closed (PeerClosed) is read to the end.
    private const uint ReadInterest = Epoll.In | Epoll.PeerClosed | Epoll.EdgeTriggered;
    private const uint ReadWriteInterest = ReadInterest | Epoll.Out;
    private const uint ConnectInterest = Epoll.Out | Epoll.PeerClosed | Epoll.EdgeTriggered;
    private const int HousekeepingMillis = 20;

    // A SCHED_FIFO thread's polling (up to 40 µs before each send, 50 µs after each event) no longer yields to normal
    // threads, so it is only for rates where that stays small: 1,000 requests/s × (90 µs + ~10 µs of work) = 10 % of
    // a core at most. Above that, sends are frequent enough that the worker is awake anyway.
    private const double RealtimeMaxRatePerWorker = 1_000;

    // timerfd wake-ups land within a few µs once timer slack is 1 ns; the last stretch is polled so sends go out on time.
    // Even on SCHED_FIFO the poll pays: woken at the planned time itself, sends left P50 48–67 µs late, against 0–20 µs.
    private static readonly long SpinTicks = Clock.TicksFrom(TimeSpan.FromMicroseconds(40));
    private static readonly long LingerTicks = Clock.TicksFrom(TimeSpan.FromMicroseconds(50));
    private static readonly long HousekeepingTicks = Clock.TicksFrom(TimeSpan.FromMilliseconds(HousekeepingMillis));
    private static readonly long CancelledDrainTicks = Clock.TicksFrom(TimeSpan.FromSeconds(1));
    private static readonly long RetryDelayTicks = Clock.TicksFrom(TimeSpan.FromMilliseconds(HousekeepingMillis));

    private readonly RunPlan _plan;
    private readonly Connection[] _connections;
    private readonly CountdownEvent _ready;
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];
    private readonly PriorityQueue<Connection, long> _schedule;
    private readonly Epoll _epoll;
    private readonly TimerFd _timer;
    private long _timerTarget = long.MaxValue;
    private long _lastEventTicks;
    private long _outstanding;
    private bool _running;
    private bool _stopping;

    public Worker(RunPlan plan, IReadOnlyList<int> connectionIds, CountdownEvent ready)
    {
        _plan = plan;
        _ready = ready;
        _connections = [.. connectionIds.Select((id, index) => new Connection(id, index, _plan.Pipeline, _plan.ResponsesHaveNoBody))];
        _schedule = new PriorityQueue<Connection, long>(_connections.Length);
        Recorders = new LatencyRecorders(_plan.IsOpenLoop);
        _epoll = new Epoll(Math.Clamp(_connections.Length, 16, 1024));
        _timer = new TimerFd();
    }

    public WorkerCounters Counters { get; } = new();

    public LatencyRecorders Recorders { get; }

    /// <summary>This worker's thread ran SCHED_FIFO (open loop at a low rate, where the process may).</summary>
    public bool Realtime { get; private set; }

    /// <summary>Thread body: connect, wait for the start, run until the end, drain, close.</summary>
    public void Run()
    {
        var allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _ = TimerSlack.MinimiseForCurrentThread();
        var rateShare = _plan.RatePerSecond * _connections.Length / _plan.TotalConnections;
        Realtime = _plan.IsOpenLoop && rateShare <= RealtimeMaxRatePerWorker && RealtimeScheduling.TryForCurrentThread();
        var signalled = false;
        try
        {
            _epoll.Add(_timer.Fd, Epoll.In, TimerToken);
            ConnectAll();
            _ready.Signal();
            signalled = true;
            _plan.StartGate.Wait();
            if (!_plan.StopRequested)
            {
                Counters.OpenedAtStart = Counters.OpenConnections;
                Loop();
            }

            Counters.Unfinished = _outstanding + (_plan.IsOpenLoop ? _connections.Sum(c => Math.Max(0, _plan.RequestsPlannedBeforeEnd(c.Id) - c.NextIndex)) : 0);
        }
        finally
        {
            if (!signalled)
            {
                _ready.Signal();
            }

            foreach (var connection in _connections)
            {
                Drop(connection);
            }
        }

        Counters.AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
    }

    public void Dispose()
    {
        _epoll.Dispose();
        _timer.Dispose();
    }

    private void ConnectAll()
    {
        foreach (var connection in _connections)
        {
            // Each connect's timeout runs from its own start: with thousands of sockets to one host:port the kernel's
            // search for a free source port makes connect() itself slow (19,000 took 9.7 s here), and one timestamp
            // for all of them timed out every connection after the first epoll batch (1,024 opened of 19,000).
            StartConnect(connection, Clock.Now);
        }

        while (!_plan.StopRequested && _connections.Any(c => c.State == ConnectionState.Connecting))
        {
            Poll(HousekeepingMillis);
            Housekeeping(Clock.Now);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Loop()
    {
        _running = true;
        var start = _plan.StartTicks;
        var drainDeadline = long.MaxValue;
        var nextHousekeeping = start + HousekeepingTicks;
        foreach (var connection in _connections)
        {
            if (_plan.IsOpenLoop)
            {
                connection.NextIndex = 0;
                connection.NextPlannedTicks = _plan.PlannedTicks(connection.Id, 0);
                _schedule.Enqueue(connection, connection.NextPlannedTicks);
            }
            else
            {
                SendClosedLoop(connection, Clock.Now);
            }
        }

        while (true)
        {
            var now = Clock.Now;
            if (!_stopping && (now >= _plan.EndTicks || _plan.StopRequested))
            {
                // Stop sending, but give requests in flight up to one timeout to be answered and counted;
                // after Ctrl-C at most 1 s, so the summary appears within the CLI's 2 s grace.
                _stopping = true;
                drainDeadline = now + (_plan.StopRequested ? Math.Min(_plan.TimeoutTicks, CancelledDrainTicks) : _plan.TimeoutTicks);
            }

            if (_stopping && ((_outstanding == 0 && NothingOwed()) || now >= drainDeadline))
            {
                return;
            }

            now = PollOrLinger(now);
            if (_plan.IsOpenLoop)
            {
                RunSchedule(now);
            }

            if (now >= nextHousekeeping)
            {
                Housekeeping(now);
                nextHousekeeping = now + HousekeepingTicks;
            }
        }
    }

    /// <summary>
    /// Open loop: every request planned before the end has been sent. Requests held back by a slow server are
    /// still sent, late, while draining; dropping them would hide the server's stall from the corrected histogram.
    /// </summary>
    private bool NothingOwed() => !_plan.IsOpenLoop || _plan.StopRequested || _connections.All(c => c.NextPlannedTicks >= _plan.EndTicks);

    private int WaitMillis(long now)
    {
        if (!_schedule.TryPeek(out _, out var due))
        {
            return HousekeepingMillis;
        }

        var wake = due - SpinTicks;
        if (wake <= now)
        {
            return 0;
        }

        if (wake != _timerTarget)
        {
            _timer.Arm(Clock.ToNanos(wake - now));
            _timerTarget = wake;
        }

        return HousekeepingMillis;
    }

    /// <summary>
    /// Waits for events, but for <see cref="LingerTicks"/> after the last one it polls instead of sleeping. A worker
    /// that sleeps between responses must be woken by the kernel for nearly every one, and that wake-up sits in every
    /// round trip: measured against a one-core Go server, wrk got 54k requests/s, this engine 52k sleeping and 59k
    /// lingering. Empty polls yield the core to any other runnable thread (a server sharing it goes first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long PollOrLinger(long now)
    {
        var wait = WaitMillis(now);
        var lingering = now - _lastEventTicks < LingerTicks;
        var count = Poll(lingering ? 0 : wait);
        if (count > 0)
        {
            return _lastEventTicks = Clock.Now;
        }

        if (lingering)
        {
            var before = Clock.Now;
            Thread.Yield();
            Counters.WaitTicks += Clock.Now - before;
        }

        return Clock.Now;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Poll(int timeoutMillis)
    {
        // Time in epoll_wait is time the server (or the schedule) kept this worker waiting, whether it slept or polled.
        var before = Clock.Now;
        var count = _epoll.Wait(timeoutMillis);
        Counters.WaitTicks += Clock.Now - before;
        for (var i = 0; i < count; i++)
        {
            var token = _epoll.TokenAt(i);
            if (token == TimerToken)
            {
                _timer.Acknowledge();
                _timerTarget = long.MaxValue;
                continue;
            }

            var connection = _connections[(int)(uint)token];
            if (connection.Token != token || connection.Fd < 0)
            {
                continue;
            }

            var events = _epoll.EventsAt(i);
            if (connection.State == ConnectionState.Connecting)
            {
                OnConnectCompleted(connection);
                continue;
            }

            if ((events & (Epoll.In | Epoll.PeerClosed | Epoll.HangUp | Epoll.Error)) != 0)
            {
                OnReadable(connection, events);
            }

            if ((events & Epoll.Out) != 0 && connection.Token == token && connection.IsWritePending)
            {
                OnWritable(connection);
            }
        }

        return count;
    }
}
