using System.Threading.Channels;
using DeviceBench.Host.Serial;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Where a board's report lines travel. Without an adapter, contenders report to <c>stdout</c>, which is appended to
/// one log file in the work folder, and one <c>tail -F</c> of it runs in an SSH exec channel for the whole session:
/// lines arrive as written, several contenders in a row share the stream, and a contender's lines are on disk on the
/// board even if the connection drops. With a UART adapter on this machine, contenders write the board's UART and the
/// host reads the adapter; their stdout is kept per contender for diagnosis. The adapter is read as the monitor reads
/// one (<see cref="ReconnectingSerialPort"/>): unplugged and plugged back, it is reopened and the gap is counted, not the end.
/// </summary>
internal sealed class ReportLineSource : IDisposable
{
    private readonly string _workDirectory;
    private readonly RemoteLineStream? _tail;
    private readonly string? _tailPid;
    private readonly ReconnectingSerialPort? _uart;
    private readonly Channel<string> _uartLines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _stopUart = new();
    private readonly Task _uartPump = Task.CompletedTask;

    private ReportLineSource(string workDirectory, string boardTarget, RemoteLineStream? tail, string? tailPid, ReconnectingSerialPort? uart)
    {
        _workDirectory = workDirectory;
        BoardTarget = boardTarget;
        _tail = tail;
        _tailPid = tailPid;
        _uart = uart;
        if (uart is not null) _uartPump = uart.PumpAsync(_uartLines.Writer, _stopUart.Token);
    }

    /// <summary>What <c>{serial}</c> becomes on the board: <c>stdout</c>, or the board's UART device.</summary>
    public string BoardTarget { get; }

    public ChannelReader<string> Lines => _uart is null ? _tail!.Lines : _uartLines.Reader;

    /// <summary>Times the UART adapter was lost and reopened (0 over SSH, which has its own reconnect-free stream).</summary>
    public int Reconnects => _uart?.Reconnects ?? 0;

    /// <summary>Why the UART adapter is not open right now; null while it is, or without one.</summary>
    public string? Problem => _uart?.Problem;

    public string LogPath => $"{_workDirectory}/serial.log";

    public string Description => _uart is null
        ? $"serial: contenders report on stdout, streamed back over SSH (tail -F {LogPath})"
        : $"serial: UART adapter on this host, contenders write {BoardTarget} on the board";

    /// <summary>Shell that ends the remote tail, run before its folder is removed: a tail -F left behind would follow a deleted file forever.</summary>
    public string StopScript => _tailPid is null ? "true" : $"kill {_tailPid} 2>/dev/null; true";

    /// <summary>Starts following the log in <paramref name="workDirectory"/> (which must exist) and learns the tail's pid.</summary>
    public static async Task<ReportLineSource> OverSshAsync(RemoteShell shell, string workDirectory, CancellationToken cancellationToken)
    {
        string log = RemoteShell.Quote($"{workDirectory}/serial.log");
        // The first line is the shell's pid, which exec hands on to tail; the log's own lines follow.
        var tail = RemoteLineStream.Start(shell.Client, $": >> {log} && echo $$ && exec tail -n +1 -F {log} 2>/dev/null", "ssh-board-report");
        try
        {
            string pid = await tail.Lines.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            return pid.Length > 0 && pid.All(char.IsAsciiDigit)
                ? new ReportLineSource(workDirectory, "stdout", tail, pid, null)
                : throw new IOException($"following {log} on the board failed: unexpected '{pid}'");
        }
        catch (Exception e) when (e is ChannelClosedException or TimeoutException)
        {
            tail.Dispose();
            throw new IOException($"following {log} on the board failed", e);
        }
        catch
        {
            tail.Dispose();
            throw;
        }
    }

    /// <summary>Reads the adapter at <paramref name="hostDevice"/>, which must open now: a wrong path is refused at connect.</summary>
    /// <exception cref="IOException">The adapter cannot be opened.</exception>
    public static ReportLineSource FromUart(string workDirectory, string hostDevice, int baud, string boardDevice)
    {
        var uart = new ReconnectingSerialPort(hostDevice, baud);
        try { uart.Open(); }
        catch
        {
            uart.Dispose();
            throw;
        }
        return new(workDirectory, boardDevice, null, null, uart);
    }

    /// <summary>Where contender <paramref name="name"/>'s stdout goes.</summary>
    public string OutputPath(string name) => _uart is null ? LogPath : $"{_workDirectory}/{name}.out";

    public void Dispose()
    {
        _tail?.Dispose();
        _stopUart.Cancel();
        // A read in progress returns within the port's read timeout; then the port can be closed under no one.
        _uartPump.Wait(TimeSpan.FromSeconds(2));
        _uart?.Dispose();
        _stopUart.Dispose();
    }
}
