namespace DeviceBench.Host.Load.Running;

/// <summary>
/// Counts one worker keeps. Only its own thread writes them, so no interlocked operations on the hot path;
/// the coordinator reads them with <see cref="Volatile"/> for the live view and exactly once the worker has stopped.
/// </summary>
internal sealed class WorkerCounters
{
    private static readonly int ErrorClassCount = Enum.GetValues<ErrorClass>().Length;

    public long Responses;
    public long BytesRead;
    public long BytesWritten;
    public long Reconnects;
    public long OpenConnections;
    public long OpenedAtStart;
    public long Unfinished;
    public long AllocatedBytes;

    /// <summary>Wall time spent waiting for events (in epoll_wait, sleeping or polling, or yielding): the rest was work.</summary>
    public long WaitTicks;

    public long[] Errors { get; } = new long[ErrorClassCount];

    public CounterSnapshot Read()
    {
        var errors = new long[Errors.Length];
        for (var i = 0; i < errors.Length; i++)
        {
            errors[i] = Volatile.Read(ref Errors[i]);
        }

        return new CounterSnapshot(Volatile.Read(ref Responses), Volatile.Read(ref BytesRead), Volatile.Read(ref BytesWritten),
            Volatile.Read(ref Reconnects), Volatile.Read(ref WaitTicks), errors);
    }
}
