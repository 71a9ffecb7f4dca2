namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// A fact that needs a writable memory cgroup (v2, or v1's memory controller) and root to write it. xunit v2 has no
/// dynamic skip, so the precondition is checked when tests are discovered, and the test is skipped saying which is missing.
/// </summary>
public sealed class MemoryCapFactAttribute : FactAttribute
{
    public MemoryCapFactAttribute()
    {
        if (WhyUnavailable() is { } reason) Skip = reason;
    }

    public static string? WhyUnavailable(string root = "/sys/fs/cgroup")
    {
        if (!IsRootUid()) return "memory cap tests need root to create cgroups (run as root)";
        bool v2 = File.Exists(Path.Combine(root, "cgroup.controllers"))
            && File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', '\n').Contains("memory");
        bool v1 = File.Exists(Path.Combine(root, "memory", "memory.limit_in_bytes"));
        return v2 || v1 ? null : $"no memory cgroup controller under {root} (neither v2 with +memory nor v1's memory hierarchy)";
    }

    private static bool IsRootUid() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1] == "0";
}
