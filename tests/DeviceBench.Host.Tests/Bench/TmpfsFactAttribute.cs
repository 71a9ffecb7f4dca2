namespace DeviceBench.Host.Tests.Bench;

/// <summary>
/// A fact that mounts a tmpfs: skipped, saying why, when this is not root or the kernel has no tmpfs. xunit v2 has no
/// dynamic skip, so the precondition is checked when tests are discovered.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (WhyUnavailable() is { } reason) Skip = reason;
    }

    public static string? WhyUnavailable()
    {
        string? uid = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1];
        if (uid != "0") return "needs root to mount a small tmpfs that can be filled (run as root)";
        return File.ReadAllText("/proc/filesystems").Contains("\ttmpfs", StringComparison.Ordinal) ? null : "this kernel has no tmpfs";
    }
}
