using Renci.SshNet;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Runs POSIX shell scripts on the board, each in its own SSH exec channel under <c>sh -c</c> (the login shell may be
/// anything). Scripts carry paths and commands, never credentials.
/// </summary>
internal sealed class RemoteShell(SshClient client)
{
    public SshClient Client => client;

    /// <summary>Runs <paramref name="script"/>; returns its exit status and output.</summary>
    public async Task<(int? Exit, string Output, string Error)> RunAsync(string script, CancellationToken cancellationToken)
    {
        using var command = client.CreateCommand(Command(script));
        await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return (command.ExitStatus, command.Result, command.Error);
    }

    /// <summary>Runs <paramref name="script"/> and returns its output; a non-zero exit is an <see cref="IOException"/> naming <paramref name="what"/>.</summary>
    public async Task<string> RunCheckedAsync(string script, string what, CancellationToken cancellationToken)
    {
        var (exit, output, error) = await RunAsync(script, cancellationToken).ConfigureAwait(false);
        return exit == 0 ? output : throw new IOException($"{what} failed on the board (exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}): {error.Trim()}");
    }

    /// <summary>The exec request's command line: the script as one <c>sh -c</c> argument.</summary>
    public static string Command(string script) => "sh -c " + Quote(script);

    /// <summary>One shell word, whatever <paramref name="text"/> holds: single quotes, with each <c>'</c> spelled <c>'\''</c>.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    public static string Quote(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
