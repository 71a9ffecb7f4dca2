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
        // The GC's own view of the settings it started with (DOTNET_GC* in the environment or baked in at publish): how
        // a bench profile checks that a memory budget reached this runtime, since a misspelt knob is ignored silently.
        var gc = GC.GetConfigurationVariables();
        output.WriteLine($"gc_heap_hard_limit_bytes: {GcSetting(gc, "GCHeapHardLimit")}");
        output.WriteLine($"gc_conserve_memory: {GcSetting(gc, "GCConserveMem")}");
        output.WriteLine($"gc_region_range_bytes: {GcSetting(gc, "GCRegionRange")}");
        return 0;
    }

    private static string GcSetting(IReadOnlyDictionary<string, object> gc, string name) =>
        gc.TryGetValue(name, out object? value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0" : "0";
}
