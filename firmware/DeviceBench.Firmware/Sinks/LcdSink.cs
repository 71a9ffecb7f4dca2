#if DISPLAY
using System.Device.Gpio;
using System.Device.I2c;
using System.Globalization;
using DeviceBench.Protocol;
using Iot.Device.CharacterLcd;
using Iot.Device.Pcx857x;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// A 16×2 HD44780 character LCD on the common PCF8574 I2C backpack (P0 RS, P1 RW, P2 E, P3 backlight, P4–P7 D4–D7):
/// line 1 memory and P99, line 2 rps and temperature. Created only when <c>--display</c> is given, so a board
/// without one pays nothing but the code size.
/// </summary>
internal sealed class LcdSink : IRecordSink
{
    private readonly I2cDevice _device;
    private readonly Lcd1602 _lcd;

    public LcdSink(int busId, int address)
    {
        _device = I2cDevice.Create(new I2cConnectionSettings(busId, address));
        var backpack = new Pcf8574(_device);
        _lcd = new Lcd1602(registerSelectPin: 0, enablePin: 2, dataPins: [4, 5, 6, 7], backlightPin: 3,
            backlightBrightness: 1f, readWritePin: 1, controller: new GpioController(backpack));
        _lcd.Clear();
    }

    public void Publish(ReportLine line, IReportRecord record)
    {
        if (record is not StatRecord stat) return;
        var c = CultureInfo.InvariantCulture;
        string top = string.Format(c, "{0,5:0.0}MB p99 {1,4}", stat.Memory?.RssBytes / 1048576.0, Short(stat.Latency?.P99Micros, "us"));
        string bottom = string.Format(c, "{0,7}/s {1,5}", Short(stat.RequestsPerSecond, ""),
            stat.TemperatureMilliCelsius is { } t ? (t / 1000.0).ToString("0.0", c) + "C" : "");
        _lcd.SetCursorPosition(0, 0);
        _lcd.Write(top.PadRight(16)[..16]);
        _lcd.SetCursorPosition(0, 1);
        _lcd.Write(bottom.PadRight(16)[..16]);
    }

    private static string Short(long? value, string unit) => value switch
    {
        null => "-",
        >= 10_000 => (value.Value / 1000).ToString(CultureInfo.InvariantCulture) + "k",
        _ => value.Value.ToString(CultureInfo.InvariantCulture) + unit,
    };

    public void Dispose()
    {
        _lcd.Dispose();
        _device.Dispose();
    }
}
#endif
