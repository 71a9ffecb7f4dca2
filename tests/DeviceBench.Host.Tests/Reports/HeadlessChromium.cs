using System.Diagnostics;

namespace DeviceBench.Host.Tests.Reports;

/// <summary>
/// Debian's <c>chromium</c> (scripts/setup.sh installs it) run headless once per call, no DevTools protocol: a
/// screenshot (<c>--screenshot</c>) or the page's DOM after its scripts ran (<c>--dump-dom</c>).
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Runs chromium with the usual quiet, sandbox-free flags plus <paramref name="arguments"/>; returns its stdout.</summary>
    public static async Task<string> RunAsync(DirectoryInfo scratch, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} not found: apt-get install chromium");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={scratch.CreateSubdirectory("profile").FullName}",
        }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var chromium = Process.Start(start)!;
        var output = chromium.StandardOutput.ReadToEndAsync();
        var errors = chromium.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await chromium.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium took over 90 s");
        }
        string text = await output;
        Assert.True(chromium.ExitCode == 0 || text.Length > 0, $"chromium exited {chromium.ExitCode}: {await errors}");
        return text;
    }
}
