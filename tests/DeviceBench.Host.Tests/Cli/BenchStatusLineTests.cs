using DeviceBench.Cli.Bench;
using DeviceBench.Host.Bench;
using Spectre.Console;

namespace DeviceBench.Host.Tests.Cli;

public sealed class BenchStatusLineTests
{
    private static readonly BenchPosition Third = new(3, 12, "csharp-minimal", 1, "rate-500", TimeSpan.FromSeconds(130));

    [Fact]
    public void The_status_line_says_phase_k_of_n_whose_and_the_time_left()
    {
        Assert.Equal("phase 3/12 · csharp-minimal round 1 rate-500 · ~2:10 left", BenchStatusLine.Text(Third, TimeSpan.Zero));
        Assert.Equal("phase 3/12 · csharp-minimal round 1 rate-500 · ~2:00 left", BenchStatusLine.Text(Third, TimeSpan.FromSeconds(10)));
        Assert.EndsWith("~0:00 left", BenchStatusLine.Text(Third, TimeSpan.FromMinutes(5)), StringComparison.Ordinal);
        Assert.EndsWith("~1:00:00 left", BenchStatusLine.Text(Third with { Left = TimeSpan.FromHours(1) }, TimeSpan.Zero), StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_status_line_sits_under_the_event_lines_and_is_erased_at_the_end()
    {
        var (console, output) = Console();
        using (var status = new BenchStatusLine(console, output))
        {
            status.PhaseStarting(Third);
            status.Report("csharp-minimal round 1 rate-500: 500 req/s");
        }

        string text = output.ToString();
        int drawn = text.IndexOf("phase 3/12", StringComparison.Ordinal);
        int line = text.IndexOf("csharp-minimal round 1 rate-500: 500 req/s", StringComparison.Ordinal);
        Assert.True(drawn >= 0 && line > drawn, text);
        // Erased before the event line, drawn again under it, erased for good at the end.
        Assert.True(text.LastIndexOf("phase 3/12", StringComparison.Ordinal) > line, text);
        Assert.EndsWith("\r\u001b[2K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_there_are_only_the_event_lines()
    {
        var (console, output) = Console();
        using (var status = new BenchStatusLine(console, terminal: null))
        {
            status.PhaseStarting(Third);
            status.Report("csharp-minimal round 1 rate-500: 500 req/s");
        }

        string text = output.ToString();
        Assert.Matches(@"^\d\d:\d\d:\d\d csharp-minimal round 1 rate-500: 500 req/s\r?\n$", text);
    }

    private static (IAnsiConsole, StringWriter) Console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        return (console, output);
    }
}
