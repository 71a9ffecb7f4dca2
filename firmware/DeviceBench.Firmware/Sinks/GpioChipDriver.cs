using System.Device.Gpio;
using System.Runtime.InteropServices;
using System.Text;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// Output lines of a GPIO chip through the Linux character device (uAPI v2, Linux 5.10+) with no library: each opened
/// pin is one line request, driven by ioctl. The firmware only drives outputs (status, alarm, marker), so this driver
/// offers nothing else. It needs no libgpiod, which the statically linked board build could not load safely.
/// </summary>
internal sealed unsafe partial class GpioChipDriver : GpioDriver
{
    // struct layouts and ioctl numbers of <linux/gpio.h>, identical on x86-64 and arm64 (checked with both compilers).
    private const uint ChipInfoIoctl = 0x8044B401, LineIoctl = 0xC250B407, SetValuesIoctl = 0xC010B40F;
    private const int ChipInfoBytes = 68, ChipLinesOffset = 64, RequestBytes = 592, ConsumerOffset = 256;
    private const int FlagsOffset = 288, NumAttrsOffset = 296, Attr0Offset = 320, NumLinesOffset = 560, FdOffset = 588;
    private const ulong FlagOutput = 1 << 3;
    private const uint AttrOutputValues = 2;
    private readonly int _chipFd;
    private readonly Dictionary<int, (int Fd, bool High)> _lines = [];

    /// <exception cref="IOException">The chip is missing or is not a GPIO chip.</exception>
    public GpioChipDriver(int chip)
    {
        string path = $"/dev/gpiochip{chip}";
        _chipFd = Libc.Open(path, Libc.OReadWrite | Libc.OCloExec);
        if (_chipFd < 0) throw Error($"{path} cannot be opened");
        byte* info = stackalloc byte[ChipInfoBytes];
        if (Ioctl(_chipFd, ChipInfoIoctl, info) < 0) throw Error($"{path} is not a GPIO chip");
        PinCount = (int)*(uint*)(info + ChipLinesOffset);
    }

    protected override int PinCount { get; }

    protected override void OpenPin(int pinNumber)
    {
        if (pinNumber < 0 || pinNumber >= PinCount) throw new ArgumentException($"line {pinNumber} is not on this chip (0–{PinCount - 1})", nameof(pinNumber));
        byte* request = stackalloc byte[RequestBytes];
        new Span<byte>(request, RequestBytes).Clear();
        *(uint*)request = (uint)pinNumber;
        Encoding.ASCII.GetBytes("devicebench-fw", new Span<byte>(request + ConsumerOffset, 31));
        *(ulong*)(request + FlagsOffset) = FlagOutput;
        // One attribute: the line starts low (bit 0 of the values, masked in).
        *(uint*)(request + NumAttrsOffset) = 1;
        *(uint*)(request + Attr0Offset) = AttrOutputValues;
        *(ulong*)(request + Attr0Offset + 16) = 1;
        *(uint*)(request + NumLinesOffset) = 1;
        if (Ioctl(_chipFd, LineIoctl, request) < 0) throw Error($"line {pinNumber} cannot be requested as an output");
        _lines[pinNumber] = (*(int*)(request + FdOffset), false);
    }

    protected override void ClosePin(int pinNumber)
    {
        if (_lines.Remove(pinNumber, out var line)) _ = Libc.Close(line.Fd);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (mode != PinMode.Output) throw new NotSupportedException("the firmware's GPIO driver drives outputs only");
    }

    protected override PinMode GetPinMode(int pinNumber) => PinMode.Output;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode == PinMode.Output;

    protected override PinValue Read(int pinNumber) => _lines.TryGetValue(pinNumber, out var line) && line.High ? PinValue.High : PinValue.Low;

    protected override void Write(int pinNumber, PinValue value)
    {
        if (!_lines.TryGetValue(pinNumber, out var line)) throw new InvalidOperationException($"line {pinNumber} is not open");
        bool high = value == PinValue.High;
        ulong* values = stackalloc ulong[2] { high ? 1UL : 0UL, 1UL };
        if (Ioctl(line.Fd, SetValuesIoctl, values) < 0) throw Error($"line {pinNumber} cannot be set");
        _lines[pinNumber] = (line.Fd, high);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the firmware's GPIO driver drives outputs only");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the firmware's GPIO driver drives outputs only");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the firmware's GPIO driver drives outputs only");

    protected override void Dispose(bool disposing)
    {
        foreach (var line in _lines.Values) _ = Libc.Close(line.Fd);
        _lines.Clear();
        if (_chipFd >= 0) _ = Libc.Close(_chipFd);
        base.Dispose(disposing);
    }

    private static IOException Error(string what) => new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, void* argument);
}
