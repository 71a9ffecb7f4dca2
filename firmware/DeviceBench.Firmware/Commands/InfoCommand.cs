using System.Globalization;
using System.Runtime.InteropServices;
using DeviceBench.Firmware.Sampling;

namespace DeviceBench.Firmware.Commands;

/// <summary><c>info</c>: the board's identity, one <c>key: value</c> per line (absent sensors say so).</summary>
internal static class InfoCommand
{
    public const string Usage = "devicebench-fw info   the board's identity, one key: value per line (no options)";

    public static int Run(Args args, TextWriter output)
    {
        if (args.Rest.Count > 0) args.Error($"unexpected argument '{args.Rest[0]}'");
        args.ThrowIfInvalid();
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
