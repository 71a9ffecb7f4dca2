using System.Globalization;

namespace DeviceBench.Host.Boards.Local;

/// <summary>
/// Caps a contender's memory and CPU set with Linux cgroups: v2 (the unified hierarchy real hosts have) or v1 (memory
/// and cpuset controllers mounted apart). A process joins its groups before it execs (<see cref="WrapCommand"/>), so
/// nothing it allocates escapes the cap. When neither is writable it says so and pinning is by affinity alone.
/// </summary>
public sealed class CgroupLimits : IDisposable
{
    private readonly List<string> _created = [];
    private readonly List<string> _procFiles = [];

    private CgroupLimits() { }

    /// <summary><c>v2</c>, <c>v1</c> or <c>none</c>.</summary>
    public string Mode { get; private set; } = "none";

    public string Description { get; private set; } = "";

    public static CgroupLimits Create(string name, BoardProfile profile, string root = "/sys/fs/cgroup")
    {
        string cpus = BoardProfile.FormatCpuList(profile.ContenderCpus);
        string cap = profile.MemoryCapBytes is { } b ? $"memory capped at {b >> 20} MiB" : "memory not capped";
        var errors = new List<string>();
        foreach (string mode in new[] { "v2", "v1" })
        {
            var limits = new CgroupLimits { Mode = mode, Description = $"cgroup {mode}: {cap}, CPUs {cpus}" };
            try
            {
                if (mode == "v2") limits.ApplyV2(root, name, profile.MemoryCapBytes, cpus);
                else limits.ApplyV1(root, name, profile.MemoryCapBytes, cpus);
                return limits;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                errors.Add($"{mode}: {e.Message}");
                limits.Dispose();
            }
        }
        return new CgroupLimits { Description = $"no usable cgroup here ({string.Join("; ", errors)}): memory not capped, CPUs {cpus} by affinity only" };
    }

    /// <summary>The command prefixed so the process joins the groups, pins itself to <paramref name="cpus"/>, then execs.</summary>
    public IReadOnlyList<string> WrapCommand(IReadOnlyList<string> command, IReadOnlyList<int> cpus)
    {
        string join = string.Concat(_procFiles.Select(f => $"echo $$ > '{f}' && "));
        return ["sh", "-c", $"{join}exec taskset -c {BoardProfile.FormatCpuList(cpus)} \"$@\"", "devicebench-contender", .. command];
    }

    private void ApplyV2(string root, string name, long? capBytes, string cpus)
    {
        if (!File.Exists(Path.Combine(root, "cgroup.controllers"))) throw new NotSupportedException("no unified hierarchy");
        string parent = Path.Combine(root, "devicebench");
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+memory +cpuset");
        File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+memory +cpuset");
        string group = MakeGroup(Path.Combine(parent, name));
        if (capBytes is { } cap)
        {
            Write(group, "memory.max", cap);
            if (File.Exists(Path.Combine(group, "memory.swap.max"))) File.WriteAllText(Path.Combine(group, "memory.swap.max"), "0");
        }
        File.WriteAllText(Path.Combine(group, "cpuset.cpus"), cpus);
        _procFiles.Add(Path.Combine(group, "cgroup.procs"));
    }

    private void ApplyV1(string root, string name, long? capBytes, string cpus)
    {
        string memory = Path.Combine(root, "memory"), cpuset = Path.Combine(root, "cpuset");
        if (!File.Exists(Path.Combine(memory, "memory.limit_in_bytes")) || !File.Exists(Path.Combine(cpuset, "cpuset.cpus")))
            throw new NotSupportedException("memory and cpuset controllers are not mounted");
        string memGroup = MakeGroup(Path.Combine(memory, "devicebench-" + name));
        string cpuGroup = MakeGroup(Path.Combine(cpuset, "devicebench-" + name));
        if (capBytes is { } cap)
        {
            Write(memGroup, "memory.limit_in_bytes", cap);
            // With swap accounting the cap must cover swap too, or pages just move there.
            if (File.Exists(Path.Combine(memGroup, "memory.memsw.limit_in_bytes"))) Write(memGroup, "memory.memsw.limit_in_bytes", cap);
        }
        File.WriteAllText(Path.Combine(cpuGroup, "cpuset.cpus"), cpus);
        File.WriteAllText(Path.Combine(cpuGroup, "cpuset.mems"), File.ReadAllText(Path.Combine(cpuset, "cpuset.mems")).Trim());
        _procFiles.Add(Path.Combine(memGroup, "tasks"));
        _procFiles.Add(Path.Combine(cpuGroup, "tasks"));
    }

    private string MakeGroup(string path)
    {
        Directory.CreateDirectory(path);
        _created.Add(path);
        return path;
    }

    private static void Write(string group, string file, long value) =>
        File.WriteAllText(Path.Combine(group, file), value.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        foreach (string dir in Enumerable.Reverse(_created))
        {
            try { Directory.Delete(dir); }
            catch (IOException) { }
        }
        _created.Clear();
    }
}
