using System.Diagnostics;

namespace DeviceBench.Host.Tests.Bench;

/// <summary>
/// A tmpfs of a few hundred KiB mounted on a fresh temporary folder: a real disk that really fills up (ENOSPC from the
/// kernel, not a fake stream). Needs root: tests using it are <see cref="TmpfsFactAttribute"/>s.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    public static SmallTmpfs Mount(long bytes)
    {
        string dir = Directory.CreateTempSubdirectory("devicebench-tmpfs").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0755", "tmpfs", dir) is not { } error) return new SmallTmpfs(dir);
        Directory.Delete(dir);
        throw new InvalidOperationException($"mount -t tmpfs failed: {error}");
    }

    /// <summary>Fills what is left of the disk with one file; returns its path (delete it to free the space again).</summary>
    public string Fill()
    {
        string filler = System.IO.Path.Combine(Path, $"filler-{Guid.NewGuid():N}");
        var chunk = new byte[4096];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) stream.Write(chunk);
        }
        catch (IOException) { }
        return filler;
    }

    private static string? Run(string command, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, UseShellExecute = false })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }
}
