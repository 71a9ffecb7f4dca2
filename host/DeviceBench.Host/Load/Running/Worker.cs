using DeviceBench.Host.Load.Linux;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// One load thread: a single epoll event loop that owns its connections, counters and recorders outright
/// (wrk's model), so the hot path takes no lock. Open-loop sends are scheduled from a priority queue of
/// planned times and woken by a timerfd, spinning only for the last few microseconds before each send.
/// </summary>
internal sealed partial class Worker : IDisposable
{
    private const ulong TimerToken = ulong.MaxValue;
    private const int HousekeepingMillis = 20;

    // timerfd wake-ups land within a few µs once timer slack is 1 ns; the last stretch is polled so sends go out on time.
    private static readonly long SpinTicks = Clock.TicksFrom(TimeSpan.FromMicroseconds(40));
    private static readonly long LingerTicks = Clock.TicksFrom(TimeSpan.FromMicroseconds(50));
    private static readonly long HousekeepingTicks = Clock.TicksFrom(TimeSpan.FromMilliseconds(HousekeepingMillis));
    private static readonly long CancelledDrainTicks = Clock.TicksFrom(TimeSpan.FromSeconds(1));
    private static readonly long RetryDelayTicks = Clock.TicksFrom(TimeSpan.FromMilliseconds(HousekeepingMillis));

    private readonly RunPlan plan;
    private readonly Connection[] connections;
    private readonly CountdownEvent ready;
    private readonly byte[] receiveBuffer = new byte[64 * 1024];
    private readonly PriorityQueue<Connection, long> schedule;
    private readonly Epoll epoll;
    private readonly TimerFd timer;
    private long timerTarget = long.MaxValue;
    private long lastEventTicks;
    private long outstanding;
    private bool running;
    private bool stopping;

    public Worker(RunPlan plan, IReadOnlyList<int> connectionIds, CountdownEvent ready)
    {
        this.plan = plan;
        this.ready = ready;
        connections = [.. connectionIds.Select((id, index) => new Connection(id, index, plan.Pipeline, plan.ResponsesHaveNoBody))];
        schedule = new PriorityQueue<Connection, long>(connections.Length);
        Recorders = new LatencyRecorders(plan.IsOpenLoop);
        epoll = new Epoll(Math.Clamp(connections.Length, 16, 1024));
        timer = new TimerFd();
    }

    public WorkerCounters Counters { get; } = new();

    public LatencyRecorders Recorders { get; }

    /// <summary>Thread body: connect, wait for the start, run until the end, drain, close.</summary>
    public void Run()
    {
        var allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _ = TimerSlack.MinimiseForCurrentThread();
        var signalled = false;
        try
        {
            epoll.Add(timer.Fd, Epoll.In, TimerToken);
            ConnectAll();
            ready.Signal();
            signalled = true;
            plan.StartGate.Wait();
            if (!plan.StopRequested)
            {
                Counters.OpenedAtStart = Counters.OpenConnections;
                Loop();
            }

            Counters.Unfinished = outstanding + (plan.IsOpenLoop ? connections.Sum(c => Math.Max(0, plan.RequestsPlannedBeforeEnd(c.Id) - c.NextIndex)) : 0);
        }
        finally
        {
            if (!signalled)
            {
                ready.Signal();
            }

            foreach (var connection in connections)
            {
                Drop(connection);
            }
        }

        Counters.AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedAtStart;
    }

    public void Dispose()
    {
        epoll.Dispose();
        timer.Dispose();
    }

    private void ConnectAll()
    {
        foreach (var connection in connections)
        {
            // Each connect's timeout runs from its own start: with thousands of sockets to one host:port the kernel's
            // search for a free source port makes connect() itself slow (19,000 took 9.7 s here), and one timestamp
            // for all of them timed out every connection after the first epoll batch (1,024 opened of 19,000).
            StartConnect(connection, Clock.Now);
        }

        while (!plan.StopRequested && connections.Any(c => c.State == ConnectionState.Connecting))
        {
            Poll(HousekeepingMillis);
            Housekeeping(Clock.Now);
        }
    }

    private void Loop()
    {
        running = true;
        var start = plan.StartTicks;
        var drainDeadline = long.MaxValue;
        var nextHousekeeping = start + HousekeepingTicks;
        foreach (var connection in connections)
        {
            if (plan.IsOpenLoop)
            {
                connection.NextIndex = 0;
                connection.NextPlannedTicks = plan.PlannedTicks(connection.Id, 0);
                schedule.Enqueue(connection, connection.NextPlannedTicks);
            }
            else
            {
                SendClosedLoop(connection, Clock.Now);
            }
        }

        while (true)
        {
            var now = Clock.Now;
            if (!stopping && (now >= plan.EndTicks || plan.StopRequested))
            {
                // Stop sending, but give requests in flight up to one timeout to be answered and counted;
                // after Ctrl-C at most 1 s, so the summary appears within the CLI's 2 s grace.
                stopping = true;
                drainDeadline = now + (plan.StopRequested ? Math.Min(plan.TimeoutTicks, CancelledDrainTicks) : plan.TimeoutTicks);
            }

            if (stopping && ((outstanding == 0 && NothingOwed()) || now >= drainDeadline))
            {
                return;
            }

            now = PollOrLinger(now);
            if (plan.IsOpenLoop)
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
    private bool NothingOwed() => !plan.IsOpenLoop || plan.StopRequested || connections.All(c => c.NextPlannedTicks >= plan.EndTicks);

    private int WaitMillis(long now)
    {
        if (!schedule.TryPeek(out _, out var due))
        {
            return HousekeepingMillis;
        }

        var wake = due - SpinTicks;
        if (wake <= now)
        {
            return 0;
        }

        if (wake != timerTarget)
        {
            timer.Arm(Clock.ToNanos(wake - now));
            timerTarget = wake;
        }

        return HousekeepingMillis;
    }

    /// <summary>
    /// Waits for events, but for <see cref="LingerTicks"/> after the last one it polls instead of sleeping. A worker
    /// that sleeps between responses must be woken by the kernel for nearly every one, and that wake-up sits in every
    /// round trip: measured against a one-core Go server, wrk got 54k requests/s, this engine 52k sleeping and 59k
    /// lingering. Empty polls yield the core to any other runnable thread (a server sharing it goes first).
    /// </summary>
    private long PollOrLinger(long now)
    {
        var wait = WaitMillis(now);
        var lingering = now - lastEventTicks < LingerTicks;
        var count = Poll(lingering ? 0 : wait);
        if (count > 0)
        {
            return lastEventTicks = Clock.Now;
        }

        if (lingering)
        {
            var before = Clock.Now;
            Thread.Yield();
            Counters.WaitTicks += Clock.Now - before;
        }

        return Clock.Now;
    }

    private int Poll(int timeoutMillis)
    {
        // Time in epoll_wait is time the server (or the schedule) kept this worker waiting, whether it slept or polled.
        var before = Clock.Now;
        var count = epoll.Wait(timeoutMillis);
        Counters.WaitTicks += Clock.Now - before;
        for (var i = 0; i < count; i++)
        {
            var token = epoll.TokenAt(i);
            if (token == TimerToken)
            {
                timer.Acknowledge();
                timerTarget = long.MaxValue;
                continue;
            }

            var connection = connections[(int)(uint)token];
            if (connection.Token != token || connection.Fd < 0)
            {
                continue;
            }

            var events = epoll.EventsAt(i);
            if (connection.State == ConnectionState.Connecting)
            {
                OnConnectCompleted(connection);
                continue;
            }

            if ((events & (Epoll.In | Epoll.HangUp | Epoll.Error)) != 0)
            {
                OnReadable(connection);
            }

            if ((events & Epoll.Out) != 0 && connection.Token == token && connection.IsWritePending)
            {
                OnWritable(connection);
            }
        }

        return count;
    }
}
