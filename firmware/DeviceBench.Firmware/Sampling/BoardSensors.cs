using System.Buffers.Text;
using System.Globalization;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Board-wide figures a sensor may or may not provide; absent sensors give null, never zero.
/// The temperature is read the way Iot.Device.CpuTemperature reads it on Linux (thermal zone 0, m°C), but directly:
/// that binding also carries a Windows OpenHardwareMonitor client (reflection JSON) and UnitsNet's reflective
/// converter, which fail Native AOT's trim analysis (IL2026/IL3050/IL2075) — a trimmed board binary must not rely on them.
/// A sensor file missing at start is taken as absent for good (sysfs sensors do not come and go), so a board without
/// one pays no failed open — and no exception — every interval.
/// </summary>
internal sealed class BoardSensors(string thermalZonePath = BoardSensors.ThermalZonePath, string throttledPath = BoardSensors.ThrottledPath)
{
    public const string ThermalZonePath = "/sys/class/thermal/thermal_zone0/temp";

    /// <summary>Raspberry Pi kernels expose the firmware's throttling flags here (the same bits as <c>vcgencmd get_throttled</c>).</summary>
    public const string ThrottledPath = "/sys/devices/platform/soc/soc:firmware/get_throttled";

    private readonly string? _thermal = File.Exists(thermalZonePath) ? thermalZonePath : null;
    private readonly string? _throttled = File.Exists(throttledPath) ? throttledPath : null;
    private readonly byte[] _buffer = new byte[64];

    public long? TryReadTemperatureMilliCelsius() =>
        Utf8Parser.TryParse(TryRead(_thermal), out long mc, out _) ? mc : null;

    public string? TryReadThrottled()
    {
        var text = TryRead(_throttled);
        if (text.StartsWith("0x"u8)) text = text[2..];
        return Utf8Parser.TryParse(text, out int flags, out _, 'x') ? "0x" + flags.ToString("x", CultureInfo.InvariantCulture) : null;
    }

    private ReadOnlySpan<byte> TryRead(string? path)
    {
        if (path is null) return default;
        try
        {
            using var handle = File.OpenHandle(path);
            return _buffer.AsSpan(0, RandomAccess.Read(handle, _buffer, 0));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }
    }
}
