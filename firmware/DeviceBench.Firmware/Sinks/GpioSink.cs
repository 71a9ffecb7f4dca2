using System.Device.Gpio;
using DeviceBench.Firmware.Engines;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// Drives the status, alarm and marker pins. Status blinks at 1 Hz (500 ms high, 500 ms low) until the subject
/// serves traffic (open connections or requests in the last interval), then stays high; alarm follows the ALARM
/// records; marker is the <see cref="IRequestMarker"/> the engine raises around 1-in-N requests.
/// </summary>
internal sealed class GpioSink : IRecordSink, IRequestMarker
{
    public static readonly TimeSpan HeartbeatHalfPeriod = TimeSpan.FromMilliseconds(500);
    private readonly GpioController _controller;
    private readonly GpioPins _pins;
    private readonly HashSet<string> _raisedBudgets = [];
    private readonly ITimer _heartbeat;
    private readonly Lock _statusLock = new();
    private bool _serving;
    private bool _statusHigh;

    /// <param name="time">The clock of the heartbeat (tests pass a manual one; the board the system clock).</param>
    public GpioSink(GpioController controller, GpioPins pins, TimeProvider? time = null)
    {
        _controller = controller;
        _pins = pins;
        foreach (int? pin in new[] { pins.Status, pins.Alarm, pins.Marker })
            if (pin is { } p) _controller.OpenPin(p, PinMode.Output, PinValue.Low);
        _heartbeat = (time ?? TimeProvider.System).CreateTimer(_ => Beat(), null, HeartbeatHalfPeriod, HeartbeatHalfPeriod);
    }

    public void Publish(ReportLine line, IReportRecord record)
    {
        switch (record)
        {
            case StatRecord stat:
                SetServing(stat.Connections > 0 || stat.RequestsPerSecond > 0);
                break;
            case AlarmRecord alarm:
                if (alarm.Raised) _raisedBudgets.Add(alarm.Budget);
                else _raisedBudgets.Remove(alarm.Budget);
                Write(_pins.Alarm, _raisedBudgets.Count > 0);
                break;
            case EndRecord:
                _heartbeat.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                lock (_statusLock) { _serving = false; SetStatus(false); }
                break;
        }
    }

    public void Raise() => Write(_pins.Marker, true);

    public void Lower() => Write(_pins.Marker, false);

    private void SetServing(bool serving)
    {
        lock (_statusLock)
        {
            _serving = serving;
            if (serving) SetStatus(true);
        }
    }

    private void Beat()
    {
        lock (_statusLock)
            if (!_serving) SetStatus(!_statusHigh);
    }

    private void SetStatus(bool high)
    {
        if (_statusHigh == high) return;
        _statusHigh = high;
        Write(_pins.Status, high);
    }

    private void Write(int? pin, bool high)
    {
        if (pin is { } p) _controller.Write(p, high ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        _heartbeat.Dispose();
        lock (_statusLock)
        {
            foreach (int? pin in new[] { _pins.Status, _pins.Alarm, _pins.Marker })
                if (pin is { } p && _controller.IsPinOpen(p)) _controller.Write(p, PinValue.Low);
        }
        _controller.Dispose();
    }
}
