namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// An emulated board named after the real one whose core count and memory it copies. The CPU model is always a
/// Cortex-A72 (the Pi 4's), so profiles differ only in cores and RAM: the guest's RAM is the memory every contender
/// lives in, as on the real board.
/// </summary>
public sealed record QemuProfile(string Name, int Cores, long MemoryBytes)
{
    public const string DefaultName = "pi4";

    public static IReadOnlyList<QemuProfile> Known { get; } =
    [
        new("pi-zero-2w", 4, 512L << 20),
        new("pi3", 4, 1L << 30),
        new("pi4", 4, 2L << 30),
        new("pi5", 4, 4L << 30),
    ];

    /// <summary>A known profile by name; null or empty is <see cref="DefaultName"/>.</summary>
    public static QemuProfile Parse(string? name)
    {
        string wanted = string.IsNullOrEmpty(name) ? DefaultName : name;
        return Known.FirstOrDefault(p => p.Name == wanted)
            ?? throw new ArgumentException($"unknown qemu profile '{wanted}' (known: {string.Join(", ", Known.Select(p => p.Name))})", nameof(name));
    }
}
