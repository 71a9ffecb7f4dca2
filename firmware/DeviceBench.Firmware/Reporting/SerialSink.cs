using System.IO.Ports;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Reporting;

/// <summary>
/// Writes each record as one <c>\n</c>-terminated line to a serial device (System.IO.Ports: a UART, a USB-UART,
/// a pseudo-terminal) or to standard output. A STAT line is ~250 bytes: at 115200 baud (11.5 kB/s) a 1 s interval
/// uses about 2 % of the line.
/// </summary>
internal sealed class SerialSink : IReportSink
{
    private readonly SerialPort? _port;
    private readonly TextWriter _writer;

    private SerialSink(SerialPort? port, TextWriter writer)
    {
        _port = port;
        _writer = writer;
    }

    public const int DefaultBaud = 115200;

    /// <param name="target">A device path, or <c>stdout</c> / <c>-</c>.</param>
    /// <exception cref="IOException">The device is missing or cannot be opened.</exception>
    public static SerialSink Open(string target, int baud = DefaultBaud)
    {
        if (target is "stdout" or "-") return new SerialSink(null, Console.Out);
        if (!File.Exists(target)) throw new IOException($"serial device {target} does not exist");
        var port = new SerialPort(target, baud) { NewLine = "\n", WriteTimeout = 1000, Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"serial device {target} cannot be opened: {e.Message}", e);
        }
        return new SerialSink(port, TextWriter.Null);
    }

    public void Publish(ReportLine line, object record)
    {
        if (_port is not null) _port.WriteLine(line.ToString());
        else
        {
            _writer.Write(line.ToString() + "\n");
            _writer.Flush();
        }
    }

    public void Dispose() => _port?.Dispose();
}
