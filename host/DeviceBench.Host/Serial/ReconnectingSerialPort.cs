using System.IO.Ports;
using System.Threading.Channels;

namespace DeviceBench.Host.Serial;

/// <summary>
/// Lines from a serial device that survive the device going away: a USB-UART unplugged, a board power-cycled, a
/// pseudo-terminal re-created. Read errors close the port; it is reopened every <see cref="RetryInterval"/> until
/// it is back, and each return is counted. Lines are ASCII, <c>\n</c>-terminated; a partial line lost to a
/// disconnect surfaces as a corrupt record, never as an exception.
/// </summary>
public sealed class ReconnectingSerialPort(string device, int baud = 115200) : IDisposable
{
    private SerialPort? _port;
    private bool _everOpen;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Times the device was lost and reopened.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Why the device is not open right now (null while open).</summary>
    public string? Problem { get; private set; }

    /// <summary>Opens the device now, so a wrong path is refused at once instead of being retried for ever.</summary>
    /// <exception cref="IOException">The device cannot be opened.</exception>
    public void Open()
    {
        if (_port is null && !TryOpen()) throw new IOException(Problem);
    }

    /// <summary>Reads lines into a channel on a background task until <paramref name="cancellationToken"/> is cancelled; the channel then completes.</summary>
    public Task PumpAsync(ChannelWriter<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Task.Run(async () =>
        {
            try
            {
                await foreach (string line in ReadLinesAsync(cancellationToken).ConfigureAwait(false)) lines.TryWrite(line);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
            finally { lines.TryComplete(); }
        }, CancellationToken.None);
    }

    public async IAsyncEnumerable<string> ReadLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_port is null)
            {
                if (!TryOpen())
                {
                    await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            string? line = null;
            try { line = await Task.Run(_port!.ReadLine, cancellationToken).ConfigureAwait(false); }
            catch (TimeoutException) { }
            // A USB-UART pulled mid-read: System.IO.Ports on Linux then fails its read with ArgumentOutOfRangeException
            // (a negative byte count from the failed read(); seen once on a busy CI machine) rather than IOException.
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                Problem = Describe(e);
                Close();
            }
            if (line is not null) yield return line.TrimEnd('\r');
        }
    }

    private bool TryOpen()
    {
        try
        {
            var port = new SerialPort(device, baud) { NewLine = "\n", ReadTimeout = 250, Handshake = Handshake.None };
            port.Open();
            _port = port;
            Problem = null;
            if (_everOpen) Reconnects++;
            _everOpen = true;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Problem = Describe(e);
            return false;
        }
    }

    /// <summary>
    /// Why the device cannot be used, in a user's words. System.IO.Ports reports every failed open() as "Access to the
    /// port is denied", a device that does not exist included; the errno it carries (inner HResult on Unix) tells them apart.
    /// </summary>
    private string Describe(Exception e)
    {
        if (!File.Exists(device)) return Directory.Exists(device) ? $"{device} is a folder, not a serial device" : $"{device} does not exist";
        return (e.InnerException ?? e).HResult switch
        {
            Eacces => $"{device}: permission denied (is your user in the dialout group?)",
            Ebusy => $"{device} is in use by another program",
            Enotty => $"{device} is not a serial device",
            _ => $"{device}: {(e.InnerException ?? e).Message}",
        };
    }

    private const int Eacces = 13, Ebusy = 16, Enotty = 25;

    private void Close()
    {
        _port?.Dispose();
        _port = null;
    }

    public void Dispose() => Close();
}
