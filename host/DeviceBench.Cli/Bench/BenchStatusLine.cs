using System.Globalization;
using DeviceBench.Host.Bench;
using Spectre.Console;

namespace DeviceBench.Cli.Bench;

/// <summary>
/// What <c>bench</c> shows while it runs: one line per event (a start, READY, each finished phase), timestamped, and on
/// a terminal a status line under them — phase k of n, contender, round, time left — redrawn every second. Redirected
/// (a log, CI) there is no status line and no escape code: only the event lines.
/// </summary>
public sealed class BenchStatusLine : IBenchProgress, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter? _terminal;
    private readonly Lock _lock = new();
    private readonly Timer? _timer;
    private BenchPosition? _position;
    private DateTime _positionSince;
    private bool _drawn;

    /// <param name="terminal">The terminal the status line is drawn on, or null when output is redirected.</param>
    public BenchStatusLine(IAnsiConsole console, TextWriter? terminal)
    {
        _console = console;
        _terminal = terminal;
        if (terminal is not null) _timer = new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Report(string message)
    {
        lock (_lock)
        {
            Erase();
            _console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}");
            Draw();
        }
    }

    public void PhaseStarting(BenchPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        lock (_lock)
        {
            _position = position;
            _positionSince = DateTime.UtcNow;
            Erase();
            Draw();
        }
    }

    /// <summary>The status line as it reads at <paramref name="elapsed"/> into the phase: "phase 3/12 · csharp-minimal round 1 rate-500 · 2:10 left".</summary>
    public static string Text(BenchPosition position, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(position);
        var left = position.Left - elapsed;
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        string time = left.ToString(left.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"phase {position.Phase}/{position.Phases} · {position.Contender} round {position.Round} {position.PhaseName} · ~{time} left");
    }

    /// <summary>Erases the status line for good: the run is over and its tables follow.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            Erase();
            _position = null;
        }
    }

    private void Redraw()
    {
        lock (_lock)
        {
            Erase();
            Draw();
        }
    }

    private void Draw()
    {
        if (_terminal is null || _position is null) return;
        string text = Text(_position, DateTime.UtcNow - _positionSince);
        // One character short of the width: a line that fills the last column makes some terminals wrap, and "\r" would then erase the wrong line.
        int width = Math.Max(10, _console.Profile.Width - 1);
        _terminal.Write(text.Length > width ? text[..width] : text);
        _terminal.Flush();
        _drawn = true;
    }

    private void Erase()
    {
        if (_terminal is null || !_drawn) return;
        _terminal.Write("\r\u001b[2K");
        _terminal.Flush();
        _drawn = false;
    }
}
