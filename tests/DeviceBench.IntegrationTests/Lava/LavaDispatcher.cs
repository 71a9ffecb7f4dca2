using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.IntegrationTests.Cli;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Lava;

/// <summary>
/// Debian's LAVA dispatcher as a lab's worker runs it: <c>lava-run</c> against a device YAML rendered from the
/// device-type templates that lava-server ships (scripts/lava-device.sh), and <c>devicebench lava job</c> as a user runs it.
/// </summary>
internal static class LavaDispatcher
{
    public const string LavaRun = "/usr/bin/lava-run";

    /// <summary>Writes the device YAML for <paramref name="deviceType"/>; qemu forwards <paramref name="hostPort"/> to the board's port 8080.</summary>
    public static string RenderDevice(string deviceType, string folder, int hostPort = LavaJobSettings.EmulatedHostPort)
    {
        string device = Path.Combine(folder, $"device-{deviceType}.yaml");
        var (exitCode, output) = Run("bash", [Path.Combine(Artifacts.RepositoryRoot, "scripts", "lava-device.sh"), deviceType, device,
            hostPort.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"lava-device.sh {deviceType} failed: {output}");
        return device;
    }

    /// <summary><c>devicebench lava job ARGS -o FOLDER</c>; returns the job file it wrote.</summary>
    public static string WriteJob(string folder, params string[] args)
    {
        using var run = DevicebenchRun.Start(["lava", "job", "--output", folder, "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts"), .. args]);
        int exitCode = run.WaitForExit(TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"devicebench lava job exited {exitCode}: {string.Join('\n', run.Errors)}");
        string job = Path.Combine(folder, "job.yaml");
        Assert.Equal(job, Assert.Single(run.Output));
        return job;
    }

    /// <summary>A job id no other run on this machine uses at the same time (lava-run keeps its files under /var/lib/lava/dispatcher/tmp/ID).</summary>
    public static string JobId() => Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a process to its end; its exit code and everything it printed. <paramref name="onLine"/> sees each line as it comes (lava-run logs on stderr).</summary>
    public static (int ExitCode, string Output) Run(string file, IReadOnlyList<string> args, TimeSpan timeout, Action<string>? onLine = null)
    {
        var info = new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var lines = new ConcurrentQueue<string>();
        void Received(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            onLine?.Invoke(e.Data);
        }
        process.OutputDataReceived += Received;
        process.ErrorDataReceived += Received;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {timeout}:\n{string.Join('\n', lines.TakeLast(40))}");
        }
        process.WaitForExit();
        return (process.ExitCode, string.Join('\n', lines));
    }
}
