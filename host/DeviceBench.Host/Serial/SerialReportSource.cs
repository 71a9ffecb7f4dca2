using System.IO.Ports;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Serial;

/// <summary>
/// Reads a board's report lines from a serial device (a UART adapter, or a pseudo-terminal for the local board)
/// and turns them into records; noise and corrupt lines are counted by <see cref="Reader"/>, never thrown.
/// </summary>
public sealed class SerialReportSource : IDisposable
{
    private readonly SerialPort _port;

    public SerialReportSource(string device, int baud = 115200)
    {
        _port = new SerialPort(device, baud) { NewLine = "\n", ReadTimeout = 500, Handshake = Handshake.None };
        _port.Open();
    }

    public ReportReader Reader { get; } = new();

    /// <summary>Raw lines as received, for the run's serial log.</summary>
    public event Action<string>? LineReceived;

    /// <summary>The next record, or null when nothing valid arrived within <paramref name="timeout"/>.</summary>
    public object? ReadRecord(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            string line;
            try { line = _port.ReadLine(); }
            catch (TimeoutException) { continue; }
            LineReceived?.Invoke(line);
            if (Reader.Read(line) is { } record) return record;
        }
        return null;
    }

    public void Dispose() => _port.Dispose();
}
