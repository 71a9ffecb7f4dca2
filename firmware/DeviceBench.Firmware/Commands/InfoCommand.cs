using System.Globalization;
using System.Runtime.InteropServices;
using DeviceBench.Firmware.Sampling;

namespace DeviceBench.Firmware.Commands;

/// <summary><c>info</c>: the board's identity, one <c>key: value</c> per line (absent sensors say so).</summary>
internal static class InfoCommand
{
    public static int Run(TextWriter output)
    {
        var sensors = new BoardSensors();
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"model: {BoardInfo.Model()}");
        output.WriteLine($"arch: {RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}");
        output.WriteLine($"cores: {BoardInfo.Cores()}");
        output.WriteLine($"mem_total_bytes: {BoardInfo.MemTotalBytes()?.ToString(c) ?? "unknown"}");
        output.WriteLine($"kernel: {BoardInfo.Kernel()}");
        output.WriteLine($"gpio_chips: {BoardInfo.GpioChips()}");
        output.WriteLine($"temp_mc: {sensors.TryReadTemperatureMilliCelsius()?.ToString(c) ?? "none"}");
        output.WriteLine($"throttled: {sensors.TryReadThrottled() ?? "none"}");
        output.WriteLine($"firmware: {Subject.FirmwareVersion}");
        return 0;
    }
}
