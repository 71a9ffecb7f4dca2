using System.Device.Gpio;
using DeviceBench.Firmware.Reporting;

namespace DeviceBench.Firmware.Commands;

/// <summary>
/// Builds the report sinks from the options <c>serve</c> and <c>watch</c> share. A sink whose hardware is missing
/// costs one clear message on stderr and the server carries on, unless its <c>--…-required</c> flag was given.
/// </summary>
internal sealed class ReportSetup
{
    public static readonly IReadOnlySet<string> FlagNames = new HashSet<string> { "serial-required", "gpio-required", "display-required" };
    public const string Usage = """
          --serial PATH|stdout|none   report lines to a serial device, stdout (default) or nowhere; --baud N (115200)
          --interval-ms N        STAT interval (1000)
          --gpio-status N --gpio-alarm N --gpio-marker N   GPIO lines to drive; --gpio-chip N (0); --mark-every N (100)
          --display hd44780[:0x27]|ssd1306[:0x3C] [--i2c-bus 1]   16x2 LCD on a PCF8574 backpack, or a 128x32 OLED
          --budget-p99-us N --budget-rss N[k|M] --budget-temp-mc N   raise the alarm pin and an ALARM record past these
          --serial-required --gpio-required --display-required     fail instead of carrying on without that sink
        """;

    public List<IReportSink> Sinks { get; } = [];
    public GpioSink? Gpio { get; private set; }
    public int MarkEvery { get; private set; } = 100;
    public TimeSpan Interval { get; private set; } = TimeSpan.FromSeconds(1);
    public Budgets Budgets { get; private set; } = new();

    /// <exception cref="UsageException">Bad options.</exception>
    /// <exception cref="IOException">A required sink is unavailable.</exception>
    public static ReportSetup FromArgs(Args args, Func<int?, GpioController>? gpioFactory = null)
    {
        var setup = new ReportSetup
        {
            MarkEvery = args.Int32("mark-every") ?? 100,
            Interval = TimeSpan.FromMilliseconds(args.Int64("interval-ms") ?? 1000),
            Budgets = new Budgets(args.Int64("budget-p99-us"), args.Int64("budget-rss"), args.Int64("budget-temp-mc")),
        };
        if (setup.MarkEvery < 1 || setup.Interval <= TimeSpan.Zero) throw new UsageException("--mark-every and --interval-ms must be positive");
        string serial = args.String("serial") ?? "stdout";
        int baud = args.Int32("baud") ?? SerialSink.DefaultBaud;
        if (serial != "none") setup.Try("serial", args.Flag("serial-required"), () => SerialSink.Open(serial, baud));
        var pins = new GpioPins(args.Int32("gpio-status"), args.Int32("gpio-alarm"), args.Int32("gpio-marker"));
        int? chip = args.Int32("gpio-chip");
        if (pins.Any)
            setup.Gpio = (GpioSink?)setup.Try("GPIO", args.Flag("gpio-required"),
                () => new GpioSink((gpioFactory ?? OpenGpio)(chip), pins));
        string? display = args.String("display");
        int bus = args.Int32("i2c-bus") ?? 1;
        if (display is not null) setup.Try("display", args.Flag("display-required"), () => OpenDisplay(display, bus));
        return setup;
    }

    private IReportSink? Try(string what, bool required, Func<IReportSink> open)
    {
        try
        {
            var sink = open();
            Sinks.Add(sink);
            return sink;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException
            or InvalidOperationException or ArgumentException or DllNotFoundException)
        {
            if (required) throw new IOException($"{what} unavailable: {e.Message}", e);
            Console.Error.WriteLine($"devicebench-fw: {what} unavailable, carrying on without it: {e.Message}");
            return null;
        }
    }

    // The chip's lines through the kernel's character device: no libgpiod, the same in every build (see GpioChipDriver).
    private static GpioController OpenGpio(int? chip) => new(new GpioChipDriver(chip ?? 0));

#pragma warning disable CA1859 // the return type is the seam between builds with and without display support
    private static IReportSink OpenDisplay(string spec, int bus)
#pragma warning restore CA1859
    {
#if DISPLAY
        string[] parts = spec.Split(':');
        int? address = parts.Length > 1 ? (int?)Args.ParseSize(parts[1]) : null;
        return parts[0] switch
        {
            "hd44780" => new LcdSink(bus, address ?? 0x27),
            "ssd1306" => OledSink.Open(bus, address ?? 0x3C),
            _ => throw new ArgumentException($"display '{parts[0]}' is not supported (hd44780, ssd1306)"),
        };
#else
        throw new PlatformNotSupportedException($"this build has no display support ({spec} on bus {bus}): the full build (fw/devicebench-fw) has it");
#endif
    }
}
