namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// SCHED_FIFO for the calling thread, when the process may use it (root, CAP_SYS_NICE, or an RLIMIT_RTPRIO above 0).
/// A normal thread woken by its timer waits for whatever holds the core to finish its slice: with a CPU-bound
/// neighbour on the core, open-loop sends at 500 requests/s left a median 1.3–2.4 ms late; a SCHED_FIFO thread
/// preempts it at once (median 0–20 µs, measured by scripts/bench-load.sh). EEVDF's own remedy, a 100 µs custom
/// slice (sched_setattr, no privilege needed, Linux 6.12+), did not help here (median 1.4–2.0 ms) and is not used.
/// </summary>
internal static class RealtimeScheduling
{
    private const int SchedFifo = 1;

    /// <summary>The lowest real-time priority: above every normal thread, below any real-time thread the system runs.</summary>
    private const int Priority = 1;

    /// <summary>True when the calling thread now runs SCHED_FIFO; false (unchanged) when the process may not.</summary>
    public static bool TryForCurrentThread()
    {
        var priority = new[] { Priority };
        return Libc.sched_setscheduler(0, SchedFifo, priority) == 0;
    }
}
