using System.CommandLine;
using System.Globalization;
using DeviceBench.Host.Serial;
using DeviceBench.Protocol;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench monitor --serial PORT</c>: a board's report lines, live, logged to a file as received.</summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var serial = new Option<string>("--serial", "-s") { Description = "Serial device (/dev/ttyUSB0, a pty)", Required = true };
        var baud = new Option<int>("--baud") { Description = "Baud rate", DefaultValueFactory = _ => 115200 };
        var log = new Option<string?>("--log") { Description = "Raw line log (default: monitor-<time>.log)" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (default: until Ctrl-C)" };
        var command = new Command("monitor", "Show a board's report lines live and log them") { serial, baud, log, duration };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string logPath = parse.GetValue(log) ?? $"monitor-{DateTime.Now:yyyyMMdd-HHmmss}.log";
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is { } text)
            {
                if (!DurationText.TryParse(text, out var limit)) { await Console.Error.WriteLineAsync($"devicebench monitor: '{text}' is not a duration").ConfigureAwait(false); return 2; }
                stop.CancelAfter(limit);
            }
            using var lines = new SerialLines(parse.GetRequiredValue(serial), parse.GetValue(baud));
            await using var writer = MonitorSession.OpenLog(logPath);
            var session = new MonitorSession(lines, writer);
            AnsiConsole.MarkupLine($"monitoring [bold]{Markup.Escape(parse.GetRequiredValue(serial))}[/], logging to {Markup.Escape(logPath)} (Ctrl-C stops)");
            string? lastProblem = null;
            using var problems = new Timer(_ =>
            {
                if (lines.Problem != lastProblem && (lastProblem = lines.Problem) is { } p) AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(p)} — retrying[/]");
            }, null, 500, 500);
            await session.RunAsync(record => AnsiConsole.MarkupLine(Describe(record)), stop.Token).ConfigureAwait(false);
            var r = session.Reader;
            AnsiConsole.MarkupLine($"{r.ValidLines} records, {r.CorruptLines} corrupt lines dropped, {r.NoiseLines} other lines, {r.UnknownRecords} unknown, {session.Reconnects} reconnects");
            return 0;
        });
        return command;
    }

    /// <summary>One line per record, the figures a person watching a board looks for first.</summary>
    public static string Describe(object record)
    {
        var c = CultureInfo.InvariantCulture;
        string text = record switch
        {
            BootRecord b => $"[bold]BOOT[/]  {b.Mode} {b.Subject} pid {b.Pid} ({b.Arch}, {b.Cores} cores, {b.MemTotalBytes >> 20} MiB) fw {b.FirmwareVersion}",
            ReadyRecord r => $"[green]READY[/] pid {r.Pid} baseline RSS {Mb(r.Memory.RssBytes)} in {r.StartupMillis} ms",
            StatRecord s => string.Format(c, "STAT  #{0} RSS {1} peak {2} cpu {3:0.0}%{4}{5}{6}{7}", s.Seq, Mb(s.Memory.RssBytes), Mb(s.Memory.HwmBytes), s.CpuPct10 / 10.0,
                s.RequestsPerSecond is { } rps ? $" {rps} req/s" : "", s.Connections is { } conns ? $" {conns} conns" : "",
                s.Latency is { } l ? $" p99 {l.P99Micros} us" : "", s.TemperatureMilliCelsius is { } t ? string.Format(c, " {0:0.0} °C", t / 1000.0) : ""),
            AlarmRecord a => $"[red]ALARM[/] {a.Budget} {(a.Raised ? "raised" : "cleared")}: {a.Value} (limit {a.Limit})",
            EndRecord e => $"[bold]END[/]   {e.Reason} exit {e.ExitCode?.ToString(c) ?? "-"} peak RSS {Mb(e.HwmBytes)}",
            _ => record.ToString() ?? "",
        };
        // Protocol values are tokens of [A-Za-z0-9._:/+-]: nothing in them can be taken for markup.
        return $"[grey]{DateTime.Now:HH:mm:ss}[/] {text}";
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
