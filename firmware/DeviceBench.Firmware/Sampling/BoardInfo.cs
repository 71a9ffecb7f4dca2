using System.Globalization;
using System.Text;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Sampling;

/// <summary>The board's identity from the kernel: model (device tree, else /proc/cpuinfo), memory, kernel release.</summary>
internal static class BoardInfo
{
    public static string Model()
    {
        string? deviceTree = TryRead("/proc/device-tree/model")?.TrimEnd('\0', '\n');
        if (!string.IsNullOrEmpty(deviceTree)) return deviceTree;
        foreach (string line in TryRead("/proc/cpuinfo")?.Split('\n') ?? [])
            if (line.StartsWith("Model", StringComparison.Ordinal) || line.StartsWith("model name", StringComparison.Ordinal))
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        return "unknown";
    }

    public static long? MemTotalBytes() =>
        TryReadBytes("/proc/meminfo") is { } meminfo && ProcReader.KeyedValue(meminfo, "MemTotal"u8) is { } kb
            ? kb * 1024 : null;

    public static string Kernel() => TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "unknown";

    public static string GpioChips()
    {
        var chips = Libc.DirectoryNames("/dev").FindAll(name => name.StartsWith("gpiochip", StringComparison.Ordinal));
        chips.Sort(StringComparer.Ordinal);
        return chips.Count > 0 ? "/dev/" + string.Join(" /dev/", chips) : "none";
    }

    public static string Cores() => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    private static string? TryRead(string path) => TryReadBytes(path) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    // Bytes, decoded as UTF-8 by the caller: File.ReadAllText detects byte-order marks, which brings the UTF-16 and UTF-32
    // encoders into the binary for files the kernel writes in ASCII (45,856 bytes of the lean build).
    private static byte[]? TryReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
