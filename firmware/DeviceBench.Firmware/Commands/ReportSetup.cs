using System.Device.Gpio;
using DeviceBench.Firmware.Linux;
using DeviceBench.Firmware.Sinks;

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

    private string _serial = "stdout";
    private int _baud = SerialSink.DefaultBaud;
    private GpioPins _pins = new(null, null, null);
    private int? _chip;
    private (string Kind, int? Address)? _display;
    private int _bus = 1;
    private bool _serialRequired, _gpioRequired, _displayRequired;

    private ReportSetup() { }

    public List<IRecordSink> Sinks { get; } = [];
    public GpioSink? Gpio { get; private set; }
    public int MarkEvery { get; private set; } = 100;
    public TimeSpan Interval { get; private set; } = TimeSpan.FromSeconds(1);
    public Budgets Budgets { get; private set; } = new();

    /// <summary>Reads the report options; mistakes are recorded in <paramref name="args"/>. Nothing is opened yet.</summary>
    public static ReportSetup FromArgs(Args args)
    {
        var setup = new ReportSetup
        {
            MarkEvery = args.Int32("mark-every", 1) ?? 100,
            Interval = EngineLimits.Milliseconds(args, "interval-ms") ?? TimeSpan.FromSeconds(1),
            Budgets = new Budgets(args.Int64("budget-p99-us", 1), args.Int64("budget-rss", 1), args.Int64("budget-temp-mc", 1)),
            _serial = args.String("serial") ?? "stdout",
            _baud = args.Int32("baud", 1) ?? SerialSink.DefaultBaud,
            _pins = new GpioPins(args.Int32("gpio-status", 0), args.Int32("gpio-alarm", 0), args.Int32("gpio-marker", 0)),
            _chip = args.Int32("gpio-chip", 0),
            _display = Display(args),
            _bus = args.Int32("i2c-bus", 0) ?? 1,
            _serialRequired = args.Flag("serial-required"),
            _gpioRequired = args.Flag("gpio-required"),
            _displayRequired = args.Flag("display-required"),
        };
        if (setup._serial.Length == 0) args.Error("--serial must be a device path, stdout or none, got ''");
        if (SerialRates.Constant(setup._baud) is null) args.Error($"--baud must be a standard rate ({SerialRates.Known}), got {setup._baud}");
        return setup;
    }

    /// <summary>Opens the sinks the options asked for.</summary>
    /// <exception cref="IOException">A required sink is unavailable.</exception>
    public void Open(Func<int?, GpioController>? gpioFactory = null)
    {
        if (_serial != "none") Try("serial", _serialRequired, () => SerialSink.Open(_serial, _baud));
        if (_pins.Any) Gpio = (GpioSink?)Try("GPIO", _gpioRequired, () => new GpioSink((gpioFactory ?? OpenGpio)(_chip), _pins));
        if (_display is { } display) Try("display", _displayRequired, () => OpenDisplay(display.Kind, display.Address, _bus));
    }

    /// <summary><c>KIND[:ADDRESS]</c>, the address a 7-bit I2C one (0x03-0x77: the rest is reserved by the I2C specification).</summary>
    private static (string Kind, int? Address)? Display(Args args)
    {
        string? spec = args.String("display");
        if (spec is null) return null;
        string[] parts = spec.Split(':');
        long? address = parts.Length == 2 ? Args.ParseSize(parts[1]) : null;
        if (parts.Length > 2 || parts[0] is not ("hd44780" or "ssd1306") || (parts.Length == 2 && address is not (>= 0x03 and <= 0x77)))
        {
            args.Error($"--display must be hd44780[:ADDRESS] or ssd1306[:ADDRESS] (ADDRESS 0x03-0x77), got '{spec}'");
            return null;
        }
        return (parts[0], (int?)address);
    }

    private IRecordSink? Try(string what, bool required, Func<IRecordSink> open)
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
            StandardStreams.Error.WriteLine($"devicebench-fw: {what} unavailable, carrying on without it: {e.Message}");
            return null;
        }
    }

    // The chip's lines through the kernel's character device: no libgpiod, the same in every build (see GpioChipDriver).
    private static GpioController OpenGpio(int? chip) => new(new GpioChipDriver(chip ?? 0));

#pragma warning disable CA1859 // the return type is the seam between builds with and without display support
    private static IRecordSink OpenDisplay(string kind, int? address, int bus)
#pragma warning restore CA1859
    {
#if DISPLAY
        return kind == "hd44780" ? new LcdSink(bus, address ?? 0x27) : OledSink.Open(bus, address ?? 0x3C);
#else
        throw new PlatformNotSupportedException($"this build has no display support ({kind} on bus {bus}{(address is { } a ? $" at 0x{a:X2}" : "")}): the full build (fw/devicebench-fw) has it");
#endif
    }
}
