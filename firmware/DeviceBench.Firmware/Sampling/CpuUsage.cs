using System.Diagnostics;

namespace DeviceBench.Firmware.Sampling;

/// <summary>CPU use between two samples in tenths of a percent of one core (a busy 4-core process reads 4000).</summary>
internal static class CpuUsage
{
    /// <summary>USER_HZ: 100 on every Linux architecture this firmware targets (arm64 and x64 alike).</summary>
    public const long TicksPerSecond = 100;

    public static long Pct10(ProcessSample previous, ProcessSample current)
    {
        double seconds = Stopwatch.GetElapsedTime(previous.TakenTimestamp, current.TakenTimestamp).TotalSeconds;
        if (seconds <= 0) return 0;
        double cpuSeconds = (current.CpuTicks - previous.CpuTicks) / (double)TicksPerSecond;
        return (long)Math.Round(cpuSeconds / seconds * 1000);
    }
}
