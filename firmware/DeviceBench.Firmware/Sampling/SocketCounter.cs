using System.Globalization;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Counts a process's TCP sockets from /proc: its socket inodes (fd → socket:[inode]) matched against the
/// kernel's tables in /proc/PID/net/tcp and tcp6. This is how <c>watch</c> sees connections of a server it
/// cannot instrument.
/// </summary>
internal sealed class SocketCounter(int pid)
{
    private const string Established = "01";
    private const string Listen = "0A";

    public int CountEstablished() => Count(Established);

    public bool IsListening() => Count(Listen) > 0;

    private int Count(string state)
    {
        var inodes = SocketInodes();
        if (inodes.Count == 0) return 0;
        int count = 0;
        foreach (string table in new[] { "tcp", "tcp6" })
        {
            string path = $"/proc/{pid}/net/{table}";
            try
            {
                foreach (string line in File.ReadLines(path).Skip(1))
                    if (ParseLine(line) is var (st, inode) && st == state && inodes.Contains(inode)) count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return count;
    }

    /// <summary>Columns of /proc/net/tcp: sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...</summary>
    internal static (string State, long Inode)? ParseLine(string line)
    {
        var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return cols.Length > 9 && long.TryParse(cols[9], NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
            ? (cols[3], inode) : null;
    }

    private HashSet<long> SocketInodes()
    {
        var inodes = new HashSet<long>();
        try
        {
            foreach (string fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out long inode))
                    inodes.Add(inode);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return inodes;
    }
}
