using System.Globalization;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Local;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// One contender's memory cgroup, made by the host's <see cref="CgroupLimits"/> exactly as the local board makes it,
/// plus what the kernel says afterwards: the peak it charged and how many times it OOM-killed inside the group.
/// </summary>
public sealed class MemoryCapGroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private readonly CgroupLimits _limits;
    private readonly string _name;

    public MemoryCapGroup(string name, long capBytes, int cpu)
    {
        _name = name;
        CapBytes = capBytes;
        Cpu = cpu;
        _limits = CgroupLimits.Create(name, new BoardProfile([cpu], [], capBytes), Root);
        if (_limits.Mode == "none") throw new InvalidOperationException(_limits.Description);
    }

    public long CapBytes { get; }

    public int Cpu { get; }

    /// <summary><c>v2</c> or <c>v1</c>.</summary>
    public string Mode => _limits.Mode;

    // CgroupLimits' own layout: ROOT/devicebench/NAME on v2, ROOT/memory/devicebench-NAME on v1.
    private string MemoryGroup => Mode == "v2" ? Path.Combine(Root, "devicebench", _name) : Path.Combine(Root, "memory", "devicebench-" + _name);

    /// <summary>The command joining this group (and pinned to <see cref="Cpu"/>) before it execs.</summary>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> command) => _limits.WrapCommand(command, [Cpu]);

    /// <summary>Whether the kernel lists the process in this group's memory controller.</summary>
    public bool Contains(int pid) =>
        File.ReadLines(Path.Combine(MemoryGroup, "cgroup.procs")).Contains(pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>The most memory the kernel charged to the group (v2 memory.peak, kernel 5.19+; v1 memory.max_usage_in_bytes).</summary>
    public long? PeakBytes => ReadLong(Mode == "v2" ? "memory.peak" : "memory.max_usage_in_bytes");

    /// <summary>Processes the OOM killer ended inside the group (v2 memory.events, v1 memory.oom_control).</summary>
    public long OomKills => ReadKey(Mode == "v2" ? "memory.events" : "memory.oom_control", "oom_kill") ?? 0;

    /// <summary>Times a charge hit the cap and memory had to be reclaimed (v2 memory.events max, v1 memory.failcnt).</summary>
    public long? CapHits => Mode == "v2" ? ReadKey("memory.events", "max") : ReadLong("memory.failcnt");

    private long? ReadLong(string file)
    {
        string path = Path.Combine(MemoryGroup, file);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    private long? ReadKey(string file, string key)
    {
        string path = Path.Combine(MemoryGroup, file);
        if (!File.Exists(path)) return null;
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        return line is not null && long.TryParse(line[(key.Length + 1)..], CultureInfo.InvariantCulture, out long v) ? v : null;
    }

    public void Dispose() => _limits.Dispose();
}
