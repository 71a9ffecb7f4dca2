using System.Globalization;

namespace DeviceBench.Firmware.Sinks;

/// <summary>The standard serial rates and their termios speed constants (asm-generic, as on x86-64 and arm64).</summary>
internal static class SerialRates
{
    private static readonly (int Baud, uint Constant)[] Rates =
    [
        (1200, 0x9), (2400, 0xB), (4800, 0xC), (9600, 0xD), (19200, 0xE), (38400, 0xF),
        (57600, 0x1001), (115200, 0x1002), (230400, 0x1003), (460800, 0x1004), (500000, 0x1005),
        (576000, 0x1006), (921600, 0x1007), (1000000, 0x1008), (1500000, 0x100A), (2000000, 0x100B), (3000000, 0x100D),
    ];

    public static string Known => string.Join(", ", Array.ConvertAll(Rates, r => r.Baud.ToString(CultureInfo.InvariantCulture)));

    public static uint? Constant(int baud)
    {
        foreach (var (b, c) in Rates) if (b == baud) return c;
        return null;
    }
}
