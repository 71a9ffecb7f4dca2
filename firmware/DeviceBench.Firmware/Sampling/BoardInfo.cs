using System.Globalization;

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
        TryRead("/proc/meminfo") is { } meminfo && ProcReader.KeyedValue(System.Text.Encoding.ASCII.GetBytes(meminfo), "MemTotal"u8) is { } kb
            ? kb * 1024 : null;

    public static string Kernel() => TryRead("/proc/sys/kernel/osrelease")?.Trim() ?? "unknown";

    public static string GpioChips() => Directory.Exists("/dev")
        ? string.Join(' ', Directory.EnumerateFiles("/dev", "gpiochip*").Order(StringComparer.Ordinal)) is { Length: > 0 } chips ? chips : "none"
        : "none";

    public static string Cores() => Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
