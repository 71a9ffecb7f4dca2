using System.Globalization;

namespace DeviceBench.Firmware.Sampling;

/// <summary>
/// Board-wide figures a sensor may or may not provide; absent sensors give null, never zero.
/// The temperature is read the way Iot.Device.CpuTemperature reads it on Linux (thermal zone 0, m°C), but directly:
/// that binding also carries a Windows OpenHardwareMonitor client (reflection JSON) and UnitsNet's reflective
/// converter, which fail Native AOT's trim analysis (IL2026/IL3050/IL2075) — a trimmed board binary must not rely on them.
/// </summary>
internal sealed class BoardSensors(string thermalZonePath = BoardSensors.ThermalZonePath)
{
    public const string ThermalZonePath = "/sys/class/thermal/thermal_zone0/temp";

    /// <summary>Raspberry Pi kernels expose the firmware's throttling flags here (the same bits as <c>vcgencmd get_throttled</c>).</summary>
    private const string ThrottledPath = "/sys/devices/platform/soc/soc:firmware/get_throttled";

    public long? TryReadTemperatureMilliCelsius()
    {
        try
        {
            return long.TryParse(File.ReadAllText(thermalZonePath).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long mc)
                ? mc : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string? TryReadThrottled(string path = ThrottledPath)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return int.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text,
                NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int flags)
                ? "0x" + flags.ToString("x", CultureInfo.InvariantCulture) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
