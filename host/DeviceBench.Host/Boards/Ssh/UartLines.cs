using System.IO.Ports;
using System.Threading.Channels;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Report lines from a USB-UART adapter on this machine wired to the board's UART: the path a real board's figures
/// take when the network under test must not carry them. Read on its own thread; noise passes through as lines.
/// </summary>
internal sealed class UartLines : IDisposable
{
    private readonly SerialPort _port;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Thread _reader;
    private volatile bool _disposed;

    public UartLines(string device, int baud)
    {
        _port = new SerialPort(device, baud) { NewLine = "\n", ReadTimeout = 200, Handshake = Handshake.None };
        try { _port.Open(); }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            _port.Dispose();
            throw new IOException($"serial device {device} cannot be opened: {e.Message}", e);
        }
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "ssh-board-uart" };
        _reader.Start();
    }

    public ChannelReader<string> Lines => _lines.Reader;

    private void ReadLoop()
    {
        while (!_disposed)
        {
            try { _lines.Writer.TryWrite(_port.ReadLine().TrimEnd('\r')); }
            catch (TimeoutException) { }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The adapter was unplugged or closed: the line is gone for good.
                break;
            }
        }
        _lines.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader.Join(TimeSpan.FromSeconds(1));
        _port.Dispose();
    }
}
