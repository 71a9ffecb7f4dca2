namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// The process's open-file limit (RLIMIT_NOFILE). Each connection is one descriptor, so 10,000 connections
/// need a soft limit above the usual 1,024 default; the soft limit can be raised to the hard one by anyone,
/// the hard one only by root.
/// </summary>
internal static class OpenFileLimit
{
    /// <summary>Raises the soft limit to at least <paramref name="needed"/> if it can; returns the limit now in force.</summary>
    public static long Raise(long needed)
    {
        var limits = new ulong[2];
        if (!OperatingSystem.IsLinux() || Libc.getrlimit(Libc.RlimitNoFile, limits) != 0)
        {
            return -1;
        }

        if (limits[0] >= (ulong)needed)
        {
            return (long)Math.Min(limits[0], long.MaxValue);
        }

        var wanted = new[] { Math.Max((ulong)needed, limits[0]), Math.Max((ulong)needed, limits[1]) };
        if (Libc.setrlimit(Libc.RlimitNoFile, wanted) != 0)
        {
            // Not root: the hard limit is the most we may ask for.
            wanted[0] = limits[1];
            wanted[1] = limits[1];
            _ = Libc.setrlimit(Libc.RlimitNoFile, wanted);
        }

        return Libc.getrlimit(Libc.RlimitNoFile, limits) != 0 ? -1 : (long)Math.Min(limits[0], long.MaxValue);
    }
}
