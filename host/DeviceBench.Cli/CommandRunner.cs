using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DeviceBench.Cli;

/// <summary>
/// Parses and runs a command the way a user of wrk or oha expects: a mistake is one line that names what was typed,
/// exit 2; Ctrl-C is 130; an unexpected error is one line, exit 70. A stack trace never reaches the terminal.
/// </summary>
public static partial class CommandRunner
{
    /// <summary>
    /// Response files off: <c>-b @body.txt</c> means "this file's bytes", as with curl, and System.CommandLine
    /// would otherwise replace the token with the file's words before the option ever saw it.
    /// </summary>
    public static ParserConfiguration Parser { get; } = new() { ResponseFileTokenReplacer = null };

    /// <param name="terminationTimeout">How long Ctrl-C waits for the command to save what it has before the process ends.</param>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TimeSpan terminationTimeout)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args, Parser);
        var name = parse.CommandResult.Command == root ? "devicebench" : $"devicebench {parse.CommandResult.Command.Name}";
        if (parse.Action is ParseErrorAction)
        {
            await Console.Error.WriteLineAsync($"{name}: {FirstLine(parse.Errors[0].Message)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        TerminalOutput.Configure(Spectre.Console.AnsiConsole.Console, Console.IsOutputRedirected);
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            // A background thread's exception would otherwise end the process with the runtime's stack dump.
            Console.Error.WriteLine($"devicebench: {FirstLine((e.ExceptionObject as Exception)?.Message ?? "unexpected error")}");
            Environment.Exit(ExitCodes.Software);
        };
        try
        {
            var help = parse.Action is HelpAction ? new StringWriter() : null;
            var exitCode = await parse.InvokeAsync(new InvocationConfiguration
            {
                ProcessTerminationTimeout = terminationTimeout,
                EnableDefaultExceptionHandler = false,
                Output = help ?? Console.Out,
            }).ConfigureAwait(false);
            if (help is not null) await Console.Out.WriteAsync(DurationDefaultsAsTyped(help.ToString())).ConfigureAwait(false);
            return exitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last resort: whatever a command failed to handle becomes one line, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"devicebench: {FirstLine(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Software;
        }
    }

    /// <summary>How a command ends in failure: one line on stderr naming it (<c>devicebench load: …</c>), and its exit code.</summary>
    public static async Task<int> FailAsync(string command, string message, int exitCode)
    {
        await Console.Error.WriteLineAsync($"devicebench {command}: {message}").ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Help shows a duration's default as a user types one (<c>[default: 10s]</c>), not as TimeSpan prints it (00:00:10).</summary>
    private static string DurationDefaultsAsTyped(string help) => TimeSpanDefault().Replace(help,
        m => $"[default: {DurationText.Format(TimeSpan.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))}]");

    [GeneratedRegex(@"\[default: (\d+:\d\d:\d\d(?:\.\d+)?)\]")]
    private static partial Regex TimeSpanDefault();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
