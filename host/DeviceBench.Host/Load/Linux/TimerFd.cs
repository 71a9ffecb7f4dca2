namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// A one-shot CLOCK_MONOTONIC timer that an epoll loop can wait on with nanosecond resolution,
/// where epoll_wait's own timeout only counts milliseconds.
/// </summary>
internal sealed class TimerFd : IDisposable
{
    private const int NonBlock = 0x800;
    private const int CloExec = 0x80000;

    private readonly long[] _spec = new long[4];
    private long _expiration;

    public TimerFd()
    {
        Fd = Libc.timerfd_create(Libc.ClockMonotonic, NonBlock | CloExec);
        if (Fd < 0)
        {
            throw new IOException($"timerfd_create failed, errno {Libc.LastError}");
        }
    }

    public int Fd { get; }

    /// <summary>Arms the timer to fire once, <paramref name="delayNanos"/> from now (at least 1 ns).</summary>
    public void Arm(long delayNanos)
    {
        delayNanos = Math.Max(1, delayNanos);
        _spec[0] = 0;
        _spec[1] = 0;
        _spec[2] = delayNanos / 1_000_000_000;
        _spec[3] = delayNanos % 1_000_000_000;
        _ = Libc.timerfd_settime(Fd, 0, _spec, 0);
    }

    /// <summary>Clears the readable state after the timer fired.</summary>
    public void Acknowledge() => Libc.read(Fd, ref _expiration, sizeof(long));

    public void Dispose() => _ = Libc.close(Fd);
}
