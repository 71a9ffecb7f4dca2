using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using DeviceBench.Firmware.Linux;
using DeviceBench.Firmware.Sampling;
using DeviceBench.Firmware.Sinks;

namespace DeviceBench.Firmware.Commands;

/// <summary>
/// <c>watch -- COMMAND ARGS…</c> or <c>watch --pid P</c>: measure another server from /proc with the sampler
/// <c>serve</c> uses on itself, and report it in the same protocol. READY is sent once the process listens on a
/// TCP port; END when it exits (with its exit code) or when the watcher is told to stop (the child gets SIGTERM).
/// </summary>
internal static partial class WatchCommand
{
    public static string Usage => $"""
        devicebench-fw watch [--name NAME] [--ready-timeout-ms 30000] (--pid P | -- COMMAND ARGS...)
        {ReportSetup.Usage}
        """;

    public static async Task<int> RunAsync(Args args)
    {
        int? pid = args.Int32("pid", 1);
        string? name = args.String("name");
        var readyTimeout = EngineLimits.Milliseconds(args, "ready-timeout-ms") ?? TimeSpan.FromSeconds(30);
        if (args.Has("pid") == (args.Rest.Count > 0)) args.Error("watch needs either --pid P or -- COMMAND ARGS");
        var setup = ReportSetup.FromArgs(args);
        args.ThrowIfInvalid();
        setup.Open();

        using var child = args.Rest.Count > 0 ? Start(args.Rest) : null;
        if (args.Rest.Count > 0 && child is null) return 1;
        int subjectPid = child?.Id ?? pid!.Value;
        var sensors = new BoardSensors();
        var sockets = new SocketCounter(subjectPid);
        using var reporter = new Reporter(new Sampler(ProcReader.ForPid(subjectPid), sensors, null, sockets.CountEstablished, ownGc: false),
            setup.Sinks, setup.Budgets, setup.Interval);
        reporter.Publish(Subject.Boot("watch", name ?? (args.Rest.Count > 0 ? Path.GetFileName(args.Rest[0]) : $"pid{subjectPid}"), subjectPid));
        using var stop = new CancellationTokenSource();
        using var signals = new ShutdownSignals(stop);

        var ready = await WaitUntilListeningAsync(sockets, child, subjectPid, readyTimeout, stop.Token).ConfigureAwait(false);
        if (ready != "ready")
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: {subjectPid} {ready} before it listened on a TCP port");
            Terminate(child);
            reporter.End(ready, ExitCode(child));
            return 1;
        }
        reporter.Ready(subjectPid, null);
        bool alive = reporter.Run(stop.Token);
        if (alive) Terminate(child);
        reporter.End(alive ? "signal" : "exited", ExitCode(child));
        return 0;
    }

    private static Process? Start(List<string> command)
    {
        try
        {
            return Process.Start(new ProcessStartInfo(command[0], command.Skip(1)) { UseShellExecute = false });
        }
        catch (Win32Exception e)
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: cannot start {command[0]}: {e.Message}");
            return null;
        }
    }

    /// <returns><c>ready</c>, <c>exited</c>, <c>timeout</c> or <c>signal</c>.</returns>
    private static async Task<string> WaitUntilListeningAsync(SocketCounter sockets, Process? child, int pid, TimeSpan timeout, CancellationToken stop)
    {
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            if (child?.HasExited ?? !Directory.Exists($"/proc/{pid}")) return "exited";
            if (sockets.IsListening()) return "ready";
            if (Stopwatch.GetElapsedTime(started) > timeout) return "timeout";
            try { await Task.Delay(20, stop).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        return "signal";
    }

    /// <summary>SIGTERM, then SIGKILL after 5 s: a contender gets the same graceful exit a service manager gives it.</summary>
    private static void Terminate(Process? child)
    {
        if (child is null || child.HasExited) return;
        _ = Kill(child.Id, 15);
        if (!child.WaitForExit(5000)) child.Kill(entireProcessTree: true);
        child.WaitForExit();
    }

    private static long? ExitCode(Process? child) => child is { HasExited: true } ? child.ExitCode : null;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
