using System.Text;
using DeviceBench.Firmware.Linux;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// Writes each record as one <c>\n</c>-terminated line to a serial device (a UART, a USB-UART, a pseudo-terminal:
/// see <see cref="SerialDevice"/>) or to standard output. A STAT line is ~250 bytes: at 115200 baud (11.5 kB/s) a 1 s
/// interval uses about 2 % of the line.
/// </summary>
internal sealed class SerialSink : IRecordSink
{
    private readonly SerialDevice? _device;
    private byte[] _bytes = new byte[512];

    private SerialSink(SerialDevice? device) => _device = device;

    public const int DefaultBaud = 115200;

    /// <param name="target">A device path, or <c>stdout</c> / <c>-</c>.</param>
    /// <exception cref="IOException">The device is missing or cannot be opened as a serial device at that rate.</exception>
    public static SerialSink Open(string target, int baud = DefaultBaud)
    {
        if (target is "stdout" or "-") return new SerialSink(null);
        if (!File.Exists(target)) throw new IOException($"serial device {target} does not exist");
        return new SerialSink(SerialDevice.Open(target, baud));
    }

    public void Publish(ReportLine line, IReportRecord record)
    {
        string text = line.ToString();
        if (_device is null)
        {
            StandardStreams.Out.Write(text + "\n");
            return;
        }
        // Records are ASCII by construction (ReportLine checks keys and values); the buffer is reused line to line.
        if (_bytes.Length < text.Length + 1) _bytes = new byte[text.Length * 2];
        int length = Encoding.ASCII.GetBytes(text, _bytes);
        _bytes[length++] = (byte)'\n';
        _device.Write(_bytes.AsSpan(0, length));
    }

    public void Dispose() => _device?.Dispose();
}
