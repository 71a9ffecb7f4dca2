using System.CommandLine;
using System.Globalization;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Load;
using DeviceBench.Host.Serial;
using DeviceBench.Protocol;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench monitor --serial PORT</c>: a board's report lines, live, logged to a file as received. A device that
/// cannot be opened is an error at once unless <c>--wait</c>; once open, a device that goes away is waited for.
/// </summary>
public static class MonitorCommand
{
    /// <summary>Where logs go unless <c>--log</c> says: beside bench's run folders (bench's default <c>--results</c>).</summary>
    private const string ResultsRoot = "results";

    public static Command Create()
    {
        var serial = new Option<string>("--serial", "-s") { Description = "Serial device (/dev/ttyUSB0, a pty)", Required = true };
        var baud = new Option<int>("--baud") { Description = "Baud rate", DefaultValueFactory = _ => 115200, CustomParser = BoundedOption.Whole };
        var log = new Option<FileInfo?>("--log")
        {
            Description = $"Raw line log (default: {ResultsRoot}/monitor/<UTC time>-<device>.log); made once the device opens",
            CustomParser = r => BoundedOption.PathOf(r, t => new FileInfo(t)),
        };
        var duration = BoundedOption.OptionalDuration("--duration", null, "Stop after this long (default: until Ctrl-C)", LoadOptions.MaxDuration);
        var wait = new Option<bool>("--wait") { Description = "Wait for a device that is not there yet (a board being plugged in) instead of failing" };
        var command = new Command("monitor", "Show a board's report lines live and log them. "
            + "Exit codes: 0 stopped by --duration; 1 the device did not appear within --duration (--wait); 2 bad options, or the device "
            + "cannot be opened; 130 Ctrl-C.") { serial, baud, log, duration, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string device = parse.GetRequiredValue(serial);
            if (string.IsNullOrWhiteSpace(device)) return await CommandRunner.FailAsync("monitor", "--serial needs a device path (/dev/ttyUSB0, a pty)", ExitCodes.Usage).ConfigureAwait(false);
            int baudRate = parse.GetValue(baud);
            if (baudRate <= 0) return await CommandRunner.FailAsync("monitor", $"--baud must be above 0 (got {baudRate})", ExitCodes.Usage).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } limit) stop.CancelAfter(limit);
            using var lines = new ReconnectingSerialPort(device, baudRate);
            if (await OpenAsync(lines, parse.GetValue(wait), stop.Token).ConfigureAwait(false) is { } problem)
            {
                return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
                    : await CommandRunner.FailAsync("monitor", problem, stop.IsCancellationRequested ? ExitCodes.Failed : ExitCodes.Usage).ConfigureAwait(false);
            }
            string logPath = parse.GetValue(log)?.FullName ?? Path.GetFullPath(RunFolder.MonitorLogPath(ResultsRoot, device, DateTimeOffset.UtcNow));
            TextWriter writer;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
                writer = MonitorSession.OpenLog(logPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await CommandRunner.FailAsync("monitor", $"cannot write the log {logPath}: {e.Message}", ExitCodes.Usage).ConfigureAwait(false);
            }
            await using var ownedLog = writer.ConfigureAwait(false);
            var session = new MonitorSession(lines, writer);
            AnsiConsole.MarkupLine($"monitoring [bold]{Markup.Escape(device)}[/], logging to {Markup.Escape(logPath)} (Ctrl-C stops)");
            string? lastProblem = null;
            using var problems = new Timer(_ =>
            {
                if (lines.Problem != lastProblem && (lastProblem = lines.Problem) is { } p) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(p)} — retrying[/]");
            }, null, 500, 500);
            await session.RunAsync(record => AnsiConsole.MarkupLine(Describe(record)), stop.Token).ConfigureAwait(false);
            var r = session.Reader;
            AnsiConsole.MarkupLine($"{r.ValidLines} records, {r.CorruptLines} corrupt lines dropped, {r.NoiseLines} other lines, {r.UnknownRecords} unknown, {session.Reconnects} reconnects");
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the device now, or with <paramref name="wait"/> once it appears; returns why it could not, or null once open.</summary>
    private static async Task<string?> OpenAsync(ReconnectingSerialPort lines, bool wait, CancellationToken cancellationToken)
    {
        string? told = null;
        while (true)
        {
            try
            {
                lines.Open();
                return null;
            }
            catch (IOException e) when (wait)
            {
                if (e.Message != told) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(told = e.Message)} — waiting for it (Ctrl-C stops)[/]");
                try { await Task.Delay(lines.RetryInterval, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return $"gave up waiting at the end of --duration: {e.Message}"; }
            }
            catch (IOException e)
            {
                return e.Message;
            }
        }
    }

    /// <summary>One line per record, the figures a person watching a board looks for first.</summary>
    public static string Describe(IReportRecord record)
    {
        var c = CultureInfo.InvariantCulture;
        string text = record switch
        {
            BootRecord b => $"[bold]BOOT[/]  {b.Mode} {b.Subject}{Pid(b.Pid)} ({b.Arch}, {b.Cores} cores, {b.MemTotalBytes >> 20} MiB) fw {b.FirmwareVersion}",
            ReadyRecord r => $"[green]READY[/]{Pid(r.Pid)} baseline {Memory(r.Memory, r.Heap, peak: false)} in {r.StartupMillis} ms",
            StatRecord s => string.Format(c, "STAT  #{0} {1}{2}{3}{4}{5}{6}", s.Seq, Memory(s.Memory, s.Heap, peak: true),
                s.CpuPct10 is { } cpu ? string.Format(c, " cpu {0:0.0}%", cpu / 10.0) : "",
                s.RequestsPerSecond is { } rps ? $" {rps} req/s" : "", s.Connections is { } conns ? $" {conns} conns" : "",
                s.Latency is { } l ? $" p99 {l.P99Micros} us" : "", s.TemperatureMilliCelsius is { } t ? string.Format(c, " {0:0.0} °C", t / 1000.0) : ""),
            AlarmRecord a => $"[red]ALARM[/] {a.Budget} {(a.Raised ? "raised" : "cleared")}: {a.Value} (limit {a.Limit})",
            EndRecord e => $"[bold]END[/]   {e.Reason} exit {e.ExitCode?.ToString(c) ?? "-"} peak RSS {Mb(e.HwmBytes)}",
            _ => record.ToString() ?? "",
        };
        // Protocol values are tokens of [A-Za-z0-9._:/+-]: nothing in them can be taken for markup.
        return $"[grey]{DateTime.Now:HH:mm:ss}[/] {text}";
    }

    private static string Pid(long? pid) => pid is { } p ? $" pid {p}" : "";

    /// <summary>RSS on a Linux board; on a microcontroller its heap, named as heap (it has no RSS).</summary>
    private static string Memory(MemoryFigures? memory, HeapFigures? heap, bool peak) => (memory, heap) switch
    {
        ({ } m, _) => peak ? $"RSS {Mb(m.RssBytes)} peak {Mb(m.HwmBytes)}" : $"RSS {Mb(m.RssBytes)}",
        (null, { } h) => $"heap used {Kb(h.ManagedUsedBytes)} free {Kb(h.ManagedFreeBytes)}" + (h.NativeFreeBytes is { } n ? $" native free {Kb(n)}" : ""),
        _ => "memory -",
    };

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " kB";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
