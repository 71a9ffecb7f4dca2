using System.Diagnostics;

namespace DeviceBench.IntegrationTests.Bench;

/// <summary>
/// A small tmpfs mounted on a fresh temporary folder: a results disk that really fills up (ENOSPC from the kernel).
/// Needs root; tests using it are <see cref="DiskFullFactAttribute"/>s. Unmounted on dispose.
/// </summary>
public sealed class DiskFullTmpfs : IDisposable
{
    private DiskFullTmpfs(string path) => Path = path;

    public string Path { get; }

    public static DiskFullTmpfs Mount(long bytes)
    {
        string dir = Directory.CreateTempSubdirectory("devicebench-full").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0755", "tmpfs", dir) is not { } error) return new DiskFullTmpfs(dir);
        Directory.Delete(dir);
        throw new InvalidOperationException($"mount -t tmpfs failed: {error}");
    }

    /// <summary>Takes every byte left, as a log or another program filling the disk would.</summary>
    public void Fill()
    {
        var chunk = new byte[4096];
        using var stream = new FileStream(System.IO.Path.Combine(Path, $"filler-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) stream.Write(chunk);
        }
        catch (IOException) { }
    }

    private static string? Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, UseShellExecute = false })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : error.Trim();
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }
}
