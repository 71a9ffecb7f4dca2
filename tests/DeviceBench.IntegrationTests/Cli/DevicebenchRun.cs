using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary>
/// <c>devicebench</c> as a user runs it: the real process, optionally under a lowered open-file limit (prlimit), and
/// what it left on the terminal. Every run is held to the same rule: no .NET stack frame ever reaches the user.
/// </summary>
public sealed class DevicebenchRun : IDisposable
{
    private readonly ServerProcess _process;

    private DevicebenchRun(ServerProcess process) => _process = process;

    public IReadOnlyList<string> Output => [.. _process.Output];

    public IReadOnlyList<string> Errors => [.. _process.Errors];

    public string FirstError => Errors is [var first, ..] ? first : "";

    /// <param name="environment">Variables set for this run only (NAME=value), e.g. a firmware fault injected for a test.</param>
    public static DevicebenchRun Start(IEnumerable<string> args, int? openFileLimit = null, string? workingDirectory = null, IEnumerable<string>? environment = null)
    {
        string[] command = ["dotnet", Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), .. args];
        if (openFileLimit is { } limit) command = ["prlimit", $"--nofile={limit}:{limit}", .. command];
        if (environment is not null) command = ["env", .. environment, .. command];
        // env -C: ServerProcess starts in the test's own folder, and a command's relative paths must resolve elsewhere.
        if (workingDirectory is not null) command = ["env", "-C", workingDirectory, .. command];
        return new(ServerProcess.Start(command[0], command[1..], 0, waitForPort: false));
    }

    /// <summary>Starts <c>devicebench ARGS</c> in <paramref name="workingDirectory"/>.</summary>
    public static DevicebenchRun Start(string workingDirectory, params string[] args) => Start(args, workingDirectory: workingDirectory);

    /// <summary>Runs to its end; the exit code and every stderr line.</summary>
    public static (int ExitCode, IReadOnlyList<string> Errors) Run(string workingDirectory, params string[] args)
    {
        using var run = Start(workingDirectory, args);
        int exitCode = run.WaitForExit(TimeSpan.FromSeconds(90));
        return (exitCode, run.Errors);
    }

    /// <summary>How every error of these commands ends: its exit code, one line on stderr, no .NET stack frames.</summary>
    public static void AssertOneLineError(int expectedExitCode, string expectedLine, (int ExitCode, IReadOnlyList<string> Errors) result)
    {
        Assert.True(result.Errors.Count > 0, $"exit {result.ExitCode} with nothing on stderr");
        Assert.Equal(expectedLine, result.Errors[0]);
        Assert.Equal(expectedExitCode, result.ExitCode);
        Assert.Single(result.Errors);
    }

    /// <summary>Every file and folder under <paramref name="directory"/>, relative, sorted: to prove a command left it as it was.</summary>
    public static string[] Listing(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal)];

    public string WaitForOutput(Func<string, bool> match, TimeSpan timeout) => _process.WaitForOutput(match, timeout);

    public void Signal(int signal) => _process.Signal(signal);

    /// <summary>Waits for the end; returns the exit code after checking that no stack trace was printed.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        var exitCode = _process.WaitForExit(timeout);
        var frames = Output.Concat(Errors).Where(l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal)).ToList();
        Assert.True(frames.Count == 0, $"stack trace printed:\n{string.Join('\n', Errors)}");
        return exitCode;
    }

    public void Dispose() => _process.Dispose();
}
