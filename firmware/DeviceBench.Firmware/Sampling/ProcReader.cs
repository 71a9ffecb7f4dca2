using System.Diagnostics;
using System.Globalization;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Reads a process's figures from /proc/PID (status, smaps_rollup, stat) — the one code path that measures the
/// firmware itself in <c>serve</c> and any contender in <c>watch</c>, so all are measured alike.
/// </summary>
internal sealed class ProcReader(string procDirectory)
{
    public static ProcReader ForSelf() => new("/proc/self");

    public static ProcReader ForPid(int pid) => new($"/proc/{pid}");

    /// <summary>Null when the process is gone.</summary>
    public ProcessSample? TryRead()
    {
        try
        {
            var status = ParseKeyedKilobytes(File.ReadAllLines(Path.Combine(procDirectory, "status")));
            // A zombie (exited, not yet reaped) keeps its /proc entry but no memory lines: it is gone.
            if (!status.ContainsKey("VmRSS")) return null;
            long cpuTicks = ReadCpuTicks(File.ReadAllText(Path.Combine(procDirectory, "stat")));
            // VmRSS/RssAnon come from per-thread counters that lag for multi-threaded processes before Linux 6.2
            // (measured on 6.1 arm64: tokio's VmRSS 360 kB vs 2,044 kB walked); smaps_rollup walks the page tables.
            var rollup = TryReadRollup();
            long rss = (rollup?.GetValueOrDefault("Rss") ?? status.GetValueOrDefault("VmRSS")) * 1024;
            long anon = (rollup?.GetValueOrDefault("Anonymous") ?? status.GetValueOrDefault("RssAnon")) * 1024;
            long? pss = rollup?.TryGetValue("Pss", out long pssKb) == true ? pssKb * 1024 : null;
            var memory = new MemoryFigures(rss, pss, anon, Math.Max(rss, status.GetValueOrDefault("VmHWM") * 1024));
            return new ProcessSample(memory, cpuTicks, status.GetValueOrDefault("Threads"), Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private Dictionary<string, long>? TryReadRollup()
    {
        try
        {
            var values = ParseKeyedKilobytes(File.ReadAllLines(Path.Combine(procDirectory, "smaps_rollup")));
            return values.ContainsKey("Rss") ? values : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses "Key:   123 kB" lines (status, smaps_rollup); values without a unit are kept as they are.</summary>
    internal static Dictionary<string, long> ParseKeyedKilobytes(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var rest = line.AsSpan(colon + 1).Trim();
            int space = rest.IndexOf(' ');
            if (long.TryParse(space < 0 ? rest : rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                values[line[..colon]] = v;
        }
        return values;
    }

    /// <summary>utime + stime (fields 14 and 15) of /proc/PID/stat, in clock ticks; the command name may hold spaces and parentheses.</summary>
    internal static long ReadCpuTicks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
