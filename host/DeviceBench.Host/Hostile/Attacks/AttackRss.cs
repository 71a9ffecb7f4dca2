namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>A server's resident set, read the way the firmware's sampler reads it: smaps_rollup's Rss, else VmRSS.</summary>
public static class AttackRss
{
    /// <summary>Null when the process is gone or unreadable.</summary>
    public static long? TryRead(int pid)
    {
        // smaps_rollup walks the page tables; VmRSS is a per-thread cached counter that lags by up to 64 pages per thread.
        return TryReadKilobytes($"/proc/{pid}/smaps_rollup", "Rss:") ?? TryReadKilobytes($"/proc/{pid}/status", "VmRSS:");
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static long? TryReadKilobytes(string path, string key)
    {
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            var number = line?[key.Length..].Trim().Split(' ')[0];
            return long.TryParse(number, out var kilobytes) ? kilobytes * 1024 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
