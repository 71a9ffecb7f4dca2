using System.ComponentModel;
using System.Diagnostics;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>Runs the Debian tools the image is assembled with (apt-get, dpkg-deb, tar, cpio) and says which setup step is missing.</summary>
internal static class ExternalTool
{
    public const string SetupHint = "run scripts/setup.sh (it installs qemu-system-arm and cpio and adds Debian's arm64 architecture)";

    public static async Task<string> RunAsync(string file, IReadOnlyList<string> args, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file, args)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        Process process;
        try { process = Process.Start(info) ?? throw new IOException($"cannot start {file}"); }
        catch (Win32Exception e) { throw new IOException($"{file} is not installed ({e.Message}): {SetupHint}", e); }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string output = await stdout.ConfigureAwait(false), errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new IOException($"{file} {string.Join(' ', args)} failed (exit {process.ExitCode}): {errors.Trim()}");
            return output;
        }
    }

    /// <summary>A shell pipeline with its arguments passed as $1, $2… rather than spliced into the text.</summary>
    public static Task<string> ShellAsync(string script, IReadOnlyList<string> args, string workingDirectory, CancellationToken cancellationToken) =>
        RunAsync("sh", ["-c", script, "devicebench", .. args], workingDirectory, cancellationToken);
}
