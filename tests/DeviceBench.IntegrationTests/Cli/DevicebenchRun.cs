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

    public static DevicebenchRun Start(IEnumerable<string> args, int? openFileLimit = null)
    {
        string[] command = [Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), .. args];
        return new(openFileLimit is { } limit
            ? ServerProcess.Start("prlimit", [$"--nofile={limit}:{limit}", "dotnet", .. command], 0, waitForPort: false)
            : ServerProcess.Start("dotnet", command, 0, waitForPort: false));
    }

    public string WaitForOutput(Func<string, bool> match, TimeSpan timeout) => _process.WaitForOutput(match, timeout);

    public void Signal(int signal) => _process.Signal(signal);

    /// <summary>Waits for the end; returns the exit code after checking that no stack trace was printed.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        var exitCode = _process.WaitForExit(timeout);
        var frames = Output.Concat(Errors).Where(l => l.Contains("   at ", StringComparison.Ordinal)).ToList();
        Assert.True(frames.Count == 0, $"stack trace printed:\n{string.Join('\n', Errors)}");
        return exitCode;
    }

    public void Dispose() => _process.Dispose();
}
