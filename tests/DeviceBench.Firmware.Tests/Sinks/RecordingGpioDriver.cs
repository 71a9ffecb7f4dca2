using System.Collections.Concurrent;
using System.Device.Gpio;
using System.Diagnostics;

namespace DeviceBench.Firmware.Tests.Sinks;

/// <summary>A GPIO chip that records every write as (pin, value, time): the test double for boards we do not have.</summary>
/// <param name="clock">Where write times come from (a <see cref="ManualTimeProvider"/>'s elapsed time in timer tests).</param>
public sealed class RecordingGpioDriver(Func<TimeSpan>? clock = null) : GpioDriver
{
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();

    public ConcurrentQueue<(int Pin, bool High, TimeSpan At)> Writes { get; } = new();
    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    public IReadOnlyList<(bool High, TimeSpan At)> WritesTo(int pin) => Writes.Where(w => w.Pin == pin).Select(w => (w.High, w.At)).ToList();

    public bool Level(int pin) => WritesTo(pin) is { Count: > 0 } w && w[^1].High;

    protected override int PinCount => 32;

    protected override void OpenPin(int pinNumber) { }

    protected override void ClosePin(int pinNumber) { }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _modes.GetValueOrDefault(pinNumber, PinMode.Input);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Level(pinNumber) ? PinValue.High : PinValue.Low;

    protected override void Write(int pinNumber, PinValue value) =>
        Writes.Enqueue((pinNumber, value == PinValue.High, clock?.Invoke() ?? Stopwatch.GetElapsedTime(StartTimestamp)));

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException();

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException();
}
