using System.Diagnostics;

namespace DeviceBench.Host.Load.Running;

/// <summary>Stopwatch ticks (CLOCK_MONOTONIC, nanoseconds on Linux) and the microseconds histograms hold.</summary>
internal static class Clock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long TicksFrom(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static readonly double MicrosPerTick = 1e6 / Stopwatch.Frequency;
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public static long ToMicros(long ticks) => Math.Clamp((long)(ticks * MicrosPerTick), 0, LatencyRecorders.HighestTrackableMicros);

    public static long ToNanos(long ticks) => (long)(ticks * NanosPerTick);

    public static double ToSeconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
