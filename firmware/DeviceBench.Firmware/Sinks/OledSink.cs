#if DISPLAY
using System.Device.I2c;
using System.Globalization;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// A 128×32 SSD1306 OLED on I2C (address 0x3C): RSS, server-side P99, and req/s with temperature, one text row per
/// 8-pixel page. Created only when <c>--display ssd1306</c> is given. The controller is driven directly (datasheet
/// command set over I2C): Iot.Device.Bindings' Ssd1306 class clears the screen through a SkiaSharp image factory in
/// its constructor, a graphics stack a board binary should not carry for three lines of digits.
/// </summary>
internal sealed class OledSink : IRecordSink
{
    private const int Width = 128, Height = 32;
    private const byte CommandControl = 0x00, DataControl = 0x40;

    /// <summary>SSD1306 datasheet §8–10 power-on sequence for a 128×32 module with the internal charge pump.</summary>
    private static readonly byte[] Init =
    [
        0xAE, 0xD5, 0x80, 0xA8, Height - 1, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8,
        0xDA, 0x02, 0x81, 0x8F, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0xAF,
    ];

    private readonly I2cDevice _device;
    private readonly byte[] _page = new byte[Width + 1];

    public OledSink(I2cDevice device)
    {
        _device = device;
        Command(Init);
        for (int row = 0; row < Height / 8; row++) DrawRow(row, "");
    }

    public static OledSink Open(int busId, int address) => new(I2cDevice.Create(new I2cConnectionSettings(busId, address)));

    public void Publish(ReportLine line, IReportRecord record)
    {
        if (record is not StatRecord stat) return;
        var c = CultureInfo.InvariantCulture;
        DrawRow(0, string.Format(c, "RSS {0:0.0}MB", stat.Memory?.RssBytes / 1048576.0));
        DrawRow(1, stat.Latency is { } l ? $"p99 {l.P99Micros.ToString(c)}us" : "p99 -");
        DrawRow(2, (stat.RequestsPerSecond?.ToString(c) ?? "-") + "/s" +
            (stat.TemperatureMilliCelsius is { } t ? " " + (t / 1000.0).ToString("0.0", c) + "C" : ""));
    }

    private void DrawRow(int row, string text)
    {
        Command([0x21, 0, Width - 1, 0x22, (byte)row, (byte)row]); // column and page address window
        _page[0] = DataControl;
        Glyphs5x7.Render(text, _page.AsSpan(1));
        _device.Write(_page);
    }

    private void Command(ReadOnlySpan<byte> bytes)
    {
        Span<byte> message = stackalloc byte[bytes.Length + 1];
        message[0] = CommandControl;
        bytes.CopyTo(message[1..]);
        _device.Write(message);
    }

    public void Dispose()
    {
        Command([0xAE]);
        _device.Dispose();
    }
}
#endif
