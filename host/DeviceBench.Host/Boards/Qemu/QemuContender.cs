using System.Globalization;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// A contender process inside the guest, known by the id the host gave it in <c>db-ctl</c>. Its state is polled in
/// the background, because <see cref="HasExited"/> is read in tight loops and must not cost a round trip. A guest
/// that reset or a QEMU that is gone counts as exited.
/// </summary>
internal sealed class QemuContender : IRunningContender
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly GuestControl _control;
    private readonly Func<bool> _emulatorAlive;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly Task _poll;
    private volatile bool _exited;
    private int? _exitCode;

    private QemuContender(GuestControl control, string id, int pid, Func<bool> emulatorAlive)
    {
        _control = control;
        Id = id;
        Pid = pid;
        _emulatorAlive = emulatorAlive;
        _poll = Task.Run(() => PollAsync(_stopPolling.Token));
    }

    public string Id { get; }

    public int Pid { get; }

    public bool HasExited => _exited || !_emulatorAlive();

    public static async Task<QemuContender> StartAsync(GuestControl control, string id, IReadOnlyList<string> command, Func<bool> emulatorAlive,
        CancellationToken cancellationToken)
    {
        string commandLine = string.Join(' ', command.Select(GuestControl.Quote));
        string reply = await control.RunAsync($"echo {GuestControl.Quote(commandLine)} | db-ctl start {id}", cancellationToken).ConfigureAwait(false);
        if (!int.TryParse(reply.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            throw new IOException($"the guest did not start {command[0]}: {reply.Trim()}");
        return new QemuContender(control, id, pid, emulatorAlive);
    }

    /// <summary>The contender's stdout and stderr so far (the tail), for a failure message.</summary>
    public Task<string> ReadLogAsync(CancellationToken cancellationToken) => _control.RunAsync($"db-ctl log {Id}", cancellationToken);

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!_exited && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                Record(await _control.RunAsync($"db-ctl status {Id}", cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                if (!_emulatorAlive()) _exited = true;
            }
        }
    }

    private void Record(string status)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || words[0] == "running") return;
        // "unknown": the guest has no record of this id, so it rebooted under us.
        _exited = true;
        if (words.Length > 1 && int.TryParse(words[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code)) _exitCode = code;
    }

    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (_emulatorAlive())
        {
            try
            {
                using var timeout = new CancellationTokenSource(grace + TimeSpan.FromSeconds(15));
                Record(await _control.RunAsync($"db-ctl stop {Id} {(long)grace.TotalMilliseconds}", timeout.Token).ConfigureAwait(false));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException) { }
        }
        _exited = true;
        return _exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited) await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _stopPolling.CancelAsync().ConfigureAwait(false);
        await _poll.ConfigureAwait(false);
        _stopPolling.Dispose();
    }
}
