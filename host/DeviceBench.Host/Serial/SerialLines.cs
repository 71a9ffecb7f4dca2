using System.IO.Ports;

namespace DeviceBench.Host.Serial;

/// <summary>
/// Lines from a serial device that survive the device going away: a USB-UART unplugged, a board power-cycled, a
/// pseudo-terminal re-created. Read errors close the port; it is reopened every <see cref="RetryInterval"/> until
/// it is back, and each return is counted. Lines are ASCII, <c>\n</c>-terminated; a partial line lost to a
/// disconnect surfaces as a corrupt record, never as an exception.
/// </summary>
public sealed class SerialLines(string device, int baud = 115200) : IDisposable
{
    private SerialPort? _port;

    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Times the device was lost and reopened.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Why the device is not open right now (null while open).</summary>
    public string? Problem { get; private set; }

    public async IAsyncEnumerable<string> ReadLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool everOpen = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_port is null)
            {
                if (!TryOpen())
                {
                    await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (everOpen) Reconnects++;
                everOpen = true;
            }
            string? line = null;
            try { line = await Task.Run(_port!.ReadLine, cancellationToken).ConfigureAwait(false); }
            catch (TimeoutException) { }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Problem = $"{device}: {e.Message}";
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
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Problem = $"{device}: {e.Message}";
            return false;
        }
    }

    private void Close()
    {
        _port?.Dispose();
        _port = null;
    }

    public void Dispose() => Close();
}
