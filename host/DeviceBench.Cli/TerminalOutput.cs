using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// Output that is not a terminal (a log file, a CI job, a pipe) is never wrapped. Spectre.Console cannot ask a file
/// for its width and assumes 80 columns, so a redirected table or message would be hard-wrapped mid-word; there the
/// width is set past any line devicebench writes. On a terminal Spectre reads the real width, and the tables are
/// laid out to fit 80 columns (tests render each at 80).
/// </summary>
public static class TerminalOutput
{
    /// <summary>Past any line devicebench writes; not int.MaxValue, which Spectre's layout arithmetic would overflow.</summary>
    public const int UnwrappedWidth = 1 << 16;

    public static void Configure(IAnsiConsole console, bool redirected)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (redirected) console.Profile.Width = UnwrappedWidth;
    }
}
