using System.Globalization;

namespace DeviceBench.Host.Boards;

/// <summary>
/// What the board is, for the report's board card: read on the board itself (its /proc and <c>uname -r</c>), so an
/// emulated board shows what its guest sees. <see cref="Profile"/> is how DeviceBench set it up (CPU split, memory cap,
/// emulator profile); <see cref="Emulated"/> is true for QEMU, whose speed is not a real board's.
/// </summary>
public sealed record BoardCard(string CpuModel, int Cores, long MemoryBytes, string Kernel, string Profile, bool Emulated)
{
    /// <summary>One POSIX sh script, the same on every board: its output is what <see cref="Parse"/> reads.</summary>
    public const string ProbeScript = "cat /proc/cpuinfo; echo '@@meminfo'; cat /proc/meminfo; echo '@@kernel'; uname -r";

    /// <summary>
    /// ARM's CPU part numbers (/proc/cpuinfo "CPU part") of the cores boards in this field use: arm64 kernels print no
    /// model name, and a Raspberry Pi's "Model" line names the board, not its core.
    /// </summary>
    private static readonly Dictionary<string, string> ArmParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["0xd03"] = "Cortex-A53", ["0xd04"] = "Cortex-A35", ["0xd05"] = "Cortex-A55", ["0xd07"] = "Cortex-A57", ["0xd08"] = "Cortex-A72",
        ["0xd09"] = "Cortex-A73", ["0xd0b"] = "Cortex-A76",
    };

    /// <summary>Reads <see cref="ProbeScript"/>'s output; a fact the board did not give reads "unknown" (or 0).</summary>
    public static BoardCard Parse(string probeOutput, string profile, bool emulated)
    {
        ArgumentNullException.ThrowIfNull(probeOutput);
        var sections = probeOutput.Split("@@", StringSplitOptions.None);
        string cpuinfo = sections[0];
        string meminfo = sections.FirstOrDefault(s => s.StartsWith("meminfo", StringComparison.Ordinal)) ?? "";
        string kernel = sections.FirstOrDefault(s => s.StartsWith("kernel", StringComparison.Ordinal))?["kernel".Length..].Trim() ?? "";
        var cpu = Fields(cpuinfo);
        string? part = cpu.GetValueOrDefault("CPU part") is { } p ? ArmParts.GetValueOrDefault(p) : null;
        string? board = cpu.GetValueOrDefault("Model");
        string model = (cpu.GetValueOrDefault("model name") ?? part, board) switch
        {
            ({ } core, { } b) => $"{core} ({b})",
            ({ } core, null) => core,
            (null, { } b) => b,
            _ => cpu.GetValueOrDefault("Hardware") ?? "unknown",
        };
        int cores = cpuinfo.Split('\n').Count(l => l.StartsWith("processor", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
        long memory = Fields(meminfo).GetValueOrDefault("MemTotal") is { } total
            && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kib)
            ? kib * 1024 : 0;
        return new BoardCard(model, cores, memory, kernel.Length > 0 ? kernel : "unknown", profile, emulated);
    }

    /// <summary>This machine, read from its own /proc (what the probe script prints elsewhere).</summary>
    public static BoardCard OfThisMachine(string profile)
    {
        string Read(string path)
        {
            try { return File.ReadAllText(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
        }
        return Parse($"{Read("/proc/cpuinfo")}@@meminfo\n{Read("/proc/meminfo")}@@kernel\n{Read("/proc/sys/kernel/osrelease")}", profile, emulated: false);
    }

    /// <summary>"key : value" lines, first one of each key wins (cpuinfo repeats its block per CPU).</summary>
    private static Dictionary<string, string> Fields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (key.Length > 0 && value.Length > 0) fields.TryAdd(key, value);
        }
        return fields;
    }
}
