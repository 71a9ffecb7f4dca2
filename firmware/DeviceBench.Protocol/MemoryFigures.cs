namespace DeviceBench.Protocol;

/// <summary>A process's memory as Linux accounts it (/proc/PID/status and smaps_rollup), in bytes.</summary>
/// <param name="PssBytes">Proportional set size; absent where smaps_rollup is unreadable (kernels before 4.14).</param>
/// <param name="HwmBytes">Peak resident set (VmHWM).</param>
public readonly record struct MemoryFigures(long RssBytes, long? PssBytes, long AnonBytes, long HwmBytes)
{
    internal void WriteTo(ReportLine line) =>
        line.Add("rss_bytes", RssBytes).Add("pss_bytes", PssBytes).Add("anon_bytes", AnonBytes).Add("hwm_bytes", HwmBytes);

    internal static MemoryFigures? ReadFrom(ReportLine line) =>
        line.GetInt64("rss_bytes") is { } rss && line.GetInt64("anon_bytes") is { } anon && line.GetInt64("hwm_bytes") is { } hwm
            ? new MemoryFigures(rss, line.GetInt64("pss_bytes"), anon, hwm)
            : null;
}
