using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeviceBench.Host.Boards.Local;

/// <summary>A contender process on this machine; its output is drained (kept out of the host's console).</summary>
internal sealed partial class LocalContender : IRunningContender
{
    private readonly Process _process;

    private LocalContender(Process process) => _process = process;

    public static LocalContender Start(IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(command[0], command.Skip(1)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(info) ?? throw new IOException($"cannot start {command[0]}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalContender(process);
    }

    public bool HasExited => _process.HasExited;

    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(grace);
            try { await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
