namespace DeviceBench.Host.Load.Running;

/// <summary>
/// What every worker needs to know about the run, fixed before it starts, plus the few signals
/// the coordinator sends: the start gate with the start time, and an early stop.
/// </summary>
internal sealed class RunPlan
{
    private long _startTicks;
    private long _endTicks = long.MaxValue;
    private long _stopTicks = long.MaxValue;
    private volatile bool _stopRequested;

    public required byte[] Address { get; init; }

    /// <summary>One serialised request.</summary>
    public required byte[] Request { get; init; }

    /// <summary><see cref="Pipeline"/> copies of <see cref="Request"/>, so a pipelined batch is one send.</summary>
    public required byte[] Batch { get; init; }

    public required int Pipeline { get; init; }

    public required int TotalConnections { get; init; }

    /// <summary>Open loop: requests per second over all connections; 0 for closed loop.</summary>
    public required double RatePerSecond { get; init; }

    public required long TimeoutTicks { get; init; }

    public required long ConnectTimeoutTicks { get; init; }

    public required bool ResponsesHaveNoBody { get; init; }

    public required int? ExpectedStatus { get; init; }

    public required long? ExpectedBodyBytes { get; init; }

    public bool IsOpenLoop => RatePerSecond > 0;

    public ManualResetEventSlim StartGate { get; } = new(false);

    public long StartTicks => Volatile.Read(ref _startTicks);

    /// <summary>No request is sent (closed loop) or planned (open loop) at or after this instant.</summary>
    public long EndTicks => Volatile.Read(ref _endTicks);

    public bool StopRequested => _stopRequested;

    /// <summary>When an early stop was asked for; <see cref="long.MaxValue"/> if never.</summary>
    public long StopTicks => Volatile.Read(ref _stopTicks);

    public void Start(long start, long end)
    {
        Volatile.Write(ref _startTicks, start);
        Volatile.Write(ref _endTicks, end);
        StartGate.Set();
    }

    public void RequestStop()
    {
        Interlocked.CompareExchange(ref _stopTicks, Clock.Now, long.MaxValue);
        _stopRequested = true;
        StartGate.Set();
    }

    /// <summary>Open loop: how many requests connection <paramref name="connectionId"/> is planned to send before the end.</summary>
    public long RequestsPlannedBeforeEnd(int connectionId)
    {
        var slots = Clock.ToSeconds(Math.Min(EndTicks, StopTicks) - StartTicks) * RatePerSecond;
        return Math.Max(0, (long)Math.Ceiling((slots - connectionId) / TotalConnections));
    }

    /// <summary>
    /// The planned start of connection <paramref name="connectionId"/>'s request number <paramref name="index"/>:
    /// connections take turns, so the whole run's requests are evenly spaced at 1/rate (wrk2's schedule,
    /// staggered so connections do not fire together).
    /// </summary>
    public long PlannedTicks(int connectionId, long index) =>
        StartTicks + (long)((connectionId + ((double)index * TotalConnections)) * System.Diagnostics.Stopwatch.Frequency / RatePerSecond);
}
