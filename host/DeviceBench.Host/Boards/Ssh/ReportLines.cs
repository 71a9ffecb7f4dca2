using System.Threading.Channels;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Where a board's report lines travel. Without an adapter, contenders report to <c>stdout</c>, which is appended to
/// one log file in the work folder, and one <c>tail -F</c> of it runs in an SSH exec channel for the whole session:
/// lines arrive as written, several contenders in a row share the stream, and a contender's lines are on disk on the
/// board even if the connection drops. With a UART adapter on this machine, contenders write the board's UART and the
/// host reads the adapter; their stdout is kept per contender for diagnosis.
/// </summary>
internal sealed class ReportLines : IDisposable
{
    private readonly string _workDirectory;
    private readonly RemoteLineStream? _tail;
    private readonly string? _tailPid;
    private readonly UartLines? _uart;

    private ReportLines(string workDirectory, string boardTarget, RemoteLineStream? tail, string? tailPid, UartLines? uart)
    {
        _workDirectory = workDirectory;
        BoardTarget = boardTarget;
        _tail = tail;
        _tailPid = tailPid;
        _uart = uart;
    }

    /// <summary>What <c>{serial}</c> becomes on the board: <c>stdout</c>, or the board's UART device.</summary>
    public string BoardTarget { get; }

    public ChannelReader<string> Lines => _uart?.Lines ?? _tail!.Lines;

    public string LogPath => $"{_workDirectory}/serial.log";

    public string Description => _uart is null
        ? $"serial: contenders report on stdout, streamed back over SSH (tail -F {LogPath})"
        : $"serial: UART adapter on this host, contenders write {BoardTarget} on the board";

    /// <summary>Shell that ends the remote tail, run before its folder is removed: a tail -F left behind would follow a deleted file forever.</summary>
    public string StopScript => _tailPid is null ? "true" : $"kill {_tailPid} 2>/dev/null; true";

    /// <summary>Starts following the log in <paramref name="workDirectory"/> (which must exist) and learns the tail's pid.</summary>
    public static async Task<ReportLines> OverSshAsync(RemoteShell shell, string workDirectory, CancellationToken cancellationToken)
    {
        string log = RemoteShell.Quote($"{workDirectory}/serial.log");
        // The first line is the shell's pid, which exec hands on to tail; the log's own lines follow.
        var tail = RemoteLineStream.Start(shell.Client, $": >> {log} && echo $$ && exec tail -n +1 -F {log} 2>/dev/null", "ssh-board-report");
        try
        {
            string pid = await tail.Lines.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            return pid.Length > 0 && pid.All(char.IsAsciiDigit)
                ? new ReportLines(workDirectory, "stdout", tail, pid, null)
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

    public static ReportLines FromUart(string workDirectory, string hostDevice, int baud, string boardDevice) =>
        new(workDirectory, boardDevice, null, null, new UartLines(hostDevice, baud));

    /// <summary>Where contender <paramref name="name"/>'s stdout goes.</summary>
    public string OutputPath(string name) => _uart is null ? LogPath : $"{_workDirectory}/{name}.out";

    public void Dispose()
    {
        _tail?.Dispose();
        _uart?.Dispose();
    }
}
