namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// Linux lets a sleeping thread wake up to 50 µs late by default (timer slack) to batch wake-ups;
/// an open-loop sender wants its planned send times, so its worker threads ask for 1 ns.
/// </summary>
internal static class TimerSlack
{
    public static bool MinimiseForCurrentThread() => Libc.prctl(Libc.PrSetTimerSlack, 1, 0, 0, 0) == 0;
}
