using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// A contender on the board, detached: <c>setsid</c> gives it its own session and process group and <c>nohup</c>
/// shields it from hang-ups, so it lives on its own like a service. A small shell stays its parent to report, over
/// one SSH channel, <c>pid P G</c> when it started and <c>exit N</c> when it ended — no polling on the board while it
/// is measured — and then kills what is left in the group (a server whose watcher was killed), so nothing outlives it.
/// </summary>
internal sealed class SshContender : IRunningContender
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private readonly RemoteShell _shell;
    private readonly RemoteLineStream _monitor;
    private readonly Task _ended;
    private int? _exitCode;
    private bool _disposed;

    private SshContender(RemoteShell shell, RemoteLineStream monitor, int pid, int group)
    {
        _shell = shell;
        _monitor = monitor;
        Pid = pid;
        ProcessGroup = group;
        _ended = WatchAsync();
    }

    /// <summary>The contender's process id on the board (the command itself: nohup, systemd-run and taskset exec it).</summary>
    public int Pid { get; }

    public int ProcessGroup { get; }

    public bool HasExited => _ended.IsCompleted;

    /// <param name="command">Already wrapped in taskset / systemd-run as the board allows.</param>
    /// <param name="outputPath">Where its stdout is appended: the report stream when <c>{serial}</c> is stdout.</param>
    public static async Task<SshContender> StartAsync(RemoteShell shell, string workDirectory, string name, IReadOnlyList<string> command, string outputPath,
        CancellationToken cancellationToken)
    {
        string errors = $"{workDirectory}/{name}.err";
        string parent = $"\"$@\" >> {RemoteShell.Quote(outputPath)} 2> {RemoteShell.Quote(errors)} < /dev/null & echo \"pid $! $$\"; wait $!; echo \"exit $?\"; kill -s KILL -- -$$";
        string script = $"cd {RemoteShell.Quote(workDirectory)} || exit 97\nsetsid sh -c {RemoteShell.Quote(parent)} devicebench-{name} nohup {RemoteShell.Quote(command)}";
        var monitor = RemoteLineStream.Start(shell.Client, script, $"ssh-contender-{name}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        string failure;
        try
        {
            string first = await monitor.Lines.ReadAsync(timeout.Token).ConfigureAwait(false);
            if (first.Split(' ') is ["pid", var pid, var group]) return new SshContender(shell, monitor, Parse(pid), Parse(group));
            failure = $"unexpected '{first}'";
        }
        catch (ChannelClosedException)
        {
            failure = $"its launcher ended: {await monitor.ErrorTextAsync().ConfigureAwait(false)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = $"no process within {StartTimeout.TotalSeconds:0} s";
        }
        catch
        {
            monitor.Dispose();
            throw;
        }
        monitor.Dispose();
        throw new IOException($"{name} did not start on the board: {failure}");
    }

    public async Task<int?> StopAsync(TimeSpan grace)
    {
        try
        {
            if (!HasExited)
            {
                await SignalAsync("TERM", $"{Pid}").ConfigureAwait(false);
                if (!await EndsWithinAsync(grace).ConfigureAwait(false))
                {
                    await SignalAsync("KILL", $"{Pid}").ConfigureAwait(false);
                    // The reporting shell sweeps the group once the contender is gone; if even it is stuck, sweep from here.
                    if (!await EndsWithinAsync(KillWait).ConfigureAwait(false)) await SignalAsync("KILL", $"-{ProcessGroup}").ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SshException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is gone: the board can no longer be asked, and the exit code stays unknown.
        }
        return _exitCode;
    }

    private async Task WatchAsync()
    {
        await foreach (string line in _monitor.Lines.ReadAllAsync().ConfigureAwait(false))
            if (line.StartsWith("exit ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int code))
                _exitCode = code;
    }

    private async Task<bool> EndsWithinAsync(TimeSpan wait) =>
        await Task.WhenAny(_ended, Task.Delay(wait)).ConfigureAwait(false) == _ended;

    private async Task SignalAsync(string signal, string target) =>
        await _shell.RunAsync($"kill -s {signal} -- {target} 2>/dev/null; true", CancellationToken.None).ConfigureAwait(false);

    private static int Parse(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw new IOException($"the board reported a process id '{id}'");

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await StopAsync(KillWait).ConfigureAwait(false);
        _monitor.Dispose();
    }
}
