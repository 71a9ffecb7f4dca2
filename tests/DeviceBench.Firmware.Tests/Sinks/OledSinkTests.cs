using System.Device.I2c;
using DeviceBench.Firmware.Sinks;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Tests.Sinks;

/// <summary>The SSD1306 sink against a recording I2C device: the controller is initialised and rows carry the font's pixels.</summary>
public class OledSinkTests
{
    private sealed class RecordingI2cDevice : I2cDevice
    {
        public List<byte[]> Writes { get; } = [];
        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x3C);
        public override byte ReadByte() => 0;
        public override void Read(Span<byte> buffer) => buffer.Clear();
        public override void WriteByte(byte value) => Writes.Add([value]);
        public override void Write(ReadOnlySpan<byte> buffer) => Writes.Add(buffer.ToArray());
        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Write(writeBuffer);
    }

    [Fact]
    public void The_display_is_switched_on_and_each_row_is_drawn_in_the_5x7_font()
    {
        var device = new RecordingI2cDevice();
        using var sink = new OledSink(device);
        Assert.Equal(4, device.Writes.Count(w => w[0] == 0x40)); // all four pages cleared at start
        var commands = device.Writes.Where(w => w[0] == 0x00).SelectMany(w => w.Skip(1)).ToList();
        Assert.Contains((byte)0xAF, commands); // display on
        Assert.Contains((byte)0x8D, commands); // charge pump, without which an I2C module stays dark
        device.Writes.Clear();

        var stat = new StatRecord
        {
            Seq = 1, UptimeMillis = 1000, Memory = new MemoryFigures(4_089_446, null, 1, 1), CpuPct10 = 0, Threads = 1,
            RequestsPerSecond = 120, Latency = new LatencyFigures(50, 80, 90, 100),
        };
        sink.Publish(stat.ToLine(), stat);

        var rows = device.Writes.Where(w => w[0] == 0x40).Select(w => w[1..]).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(128, r.Length));
        Assert.Equal(new byte[] { 0x7F, 0x09, 0x19, 0x29, 0x46, 0x00 }, rows[0][..6]); // "R"
        Assert.Equal(new byte[] { 0x36, 0x49, 0x49, 0x49, 0x36 }, rows[1][(4 * 6)..(4 * 6 + 5)]); // "p99 8…": the 8
        Assert.All(rows[2][(6 * 6)..], b => Assert.Equal(0, b)); // "120/s" and nothing after it
    }
}
