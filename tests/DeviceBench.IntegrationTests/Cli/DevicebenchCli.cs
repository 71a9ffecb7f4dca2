using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary><c>devicebench</c> as a user runs it: a real process, started in a folder of the test's choosing.</summary>
public static class DevicebenchCli
{
    /// <summary>Starts <c>devicebench ARGS</c> in <paramref name="workingDirectory"/> (env -C: ServerProcess starts in the test's own folder).</summary>
    public static ServerProcess Start(string workingDirectory, params string[] args) =>
        ServerProcess.Start("env", ["-C", workingDirectory, "dotnet", Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), .. args], 0, waitForPort: false);

    /// <summary>Runs to its end; the exit code and every stderr line.</summary>
    public static (int ExitCode, IReadOnlyList<string> Errors) Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        int exitCode = process.WaitForExit(TimeSpan.FromSeconds(90));
        return (exitCode, [.. process.Errors]);
    }

    /// <summary>How every error of these commands ends: its exit code, one line on stderr, no .NET stack frames.</summary>
    public static void AssertOneLineError(int expectedExitCode, string expectedLine, (int ExitCode, IReadOnlyList<string> Errors) result)
    {
        Assert.True(result.Errors.Count > 0, $"exit {result.ExitCode} with nothing on stderr");
        Assert.Equal(expectedLine, result.Errors[0]);
        Assert.Equal(expectedExitCode, result.ExitCode);
        AssertNoStackTrace(result.Errors);
        Assert.Single(result.Errors);
    }

    public static void AssertNoStackTrace(IEnumerable<string> errors)
    {
        Assert.DoesNotContain(errors, e => e.StartsWith("   at ", StringComparison.Ordinal) || e.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    /// <summary>Every file and folder under <paramref name="directory"/>, relative, sorted: to prove a command left it as it was.</summary>
    public static string[] Listing(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal)];
}
