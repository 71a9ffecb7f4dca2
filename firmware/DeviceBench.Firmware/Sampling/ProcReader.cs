using System.Buffers.Text;
using System.Diagnostics;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Reads a process's figures from /proc/PID (status, smaps_rollup, stat) — the one code path that measures the
/// firmware itself in <c>serve</c> and any contender in <c>watch</c>, so all are measured alike. The files are read
/// into one reused buffer and parsed as bytes: a reading allocates nothing that would grow the heap it measures.
/// </summary>
internal sealed class ProcReader(string procDirectory)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly string _status = Path.Combine(procDirectory, "status");
    private readonly string _stat = Path.Combine(procDirectory, "stat");
    private readonly string _rollup = Path.Combine(procDirectory, "smaps_rollup");

    public static ProcReader ForSelf() => new("/proc/self");

    public static ProcReader ForPid(int pid) => new($"/proc/{pid}");

    /// <summary>Null when the process is gone.</summary>
    public ProcessSample? TryRead()
    {
        try
        {
            var status = Read(_status);
            // A zombie (exited, not yet reaped) keeps its /proc entry but no memory lines: it is gone.
            if (KeyedValue(status, "VmRSS"u8) is not { } vmRss) return null;
            long hwm = KeyedValue(status, "VmHWM"u8) ?? 0, rssAnon = KeyedValue(status, "RssAnon"u8) ?? 0, threads = KeyedValue(status, "Threads"u8) ?? 0;
            long cpuTicks = ReadCpuTicks(Read(_stat));
            // VmRSS/RssAnon come from per-thread counters that lag for multi-threaded processes before Linux 6.2
            // (measured on 6.1 arm64: tokio's VmRSS 360 kB vs 2,044 kB walked); smaps_rollup walks the page tables.
            var rollup = TryRead(_rollup);
            long? rollupRss = KeyedValue(rollup, "Rss"u8);
            long rss = (rollupRss ?? vmRss) * 1024;
            long anon = (rollupRss is null ? rssAnon : KeyedValue(rollup, "Anonymous"u8) ?? 0) * 1024;
            long? pss = rollupRss is null ? null : KeyedValue(rollup, "Pss"u8) * 1024;
            return new ProcessSample(new MemoryFigures(rss, pss, anon, Math.Max(rss, hwm * 1024)), cpuTicks, threads, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private ReadOnlySpan<byte> TryRead(string path)
    {
        try { return Read(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return default; }
    }

    // The three files are read one after another into the same buffer: each span is used before the next read.
    private ReadOnlySpan<byte> Read(string path)
    {
        using var handle = File.OpenHandle(path);
        int length = 0, n;
        while (length < _buffer.Length && (n = RandomAccess.Read(handle, _buffer.AsSpan(length), length)) > 0) length += n;
        return _buffer.AsSpan(0, length);
    }

    /// <summary>The number after "Key:" on its own line ("VmRSS:   3900 kB" → 3900; the unit is not read), or null.</summary>
    internal static long? KeyedValue(ReadOnlySpan<byte> text, ReadOnlySpan<byte> key)
    {
        for (int start = 0; start < text.Length;)
        {
            var line = text[start..];
            int end = line.IndexOf((byte)'\n');
            if (end >= 0) line = line[..end];
            if (line.StartsWith(key) && line.Length > key.Length && line[key.Length] == ':')
                return Utf8Parser.TryParse(line[(key.Length + 1)..].TrimStart(" \t"u8), out long value, out _) ? value : null;
            start += end < 0 ? text.Length : end + 1;
        }
        return null;
    }

    /// <summary>utime + stime (fields 14 and 15) of /proc/PID/stat, in clock ticks; the command name may hold spaces and parentheses.</summary>
    internal static long ReadCpuTicks(ReadOnlySpan<byte> stat)
    {
        // After the last ')' come " S ppid …": field 3 (state) onwards; utime is field 14, stime 15.
        var rest = stat[(stat.LastIndexOf((byte)')') + 2)..];
        long sum = 0;
        for (int field = 3; field <= 15; field++)
        {
            int space = rest.IndexOf((byte)' ');
            if (field >= 14)
                sum += Utf8Parser.TryParse(space < 0 ? rest : rest[..space], out long v, out _) ? v : throw new FormatException("bad /proc stat");
            rest = rest[(space + 1)..];
        }
        return sum;
    }
}
