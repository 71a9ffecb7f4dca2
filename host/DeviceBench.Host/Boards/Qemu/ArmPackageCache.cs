using System.Text.RegularExpressions;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// Debian arm64 packages fetched once with <c>apt-get download</c> and kept in a cache folder, so later runs (and CI
/// with the folder cached) work offline. A package already in the folder is never fetched again.
/// </summary>
internal sealed partial class ArmPackageCache(string directory)
{
    public string Directory { get; } = directory;

    public async Task<string> DebAsync(string package, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (Cached($"{package}_") is { } cached) return cached;
        try
        {
            await ExternalTool.RunAsync("apt-get", ["download", "-q", $"{package}:arm64"], Directory, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new IOException($"the emulated board needs Debian's arm64 package {package} and could not download it: {ExternalTool.SetupHint}, " +
                $"then apt-get update; or copy {package}_*_arm64.deb into {Directory}. ({e.Message})", e);
        }
        return Cached($"{package}_") ?? throw new IOException($"apt-get download {package}:arm64 left no .deb in {Directory}");
    }

    /// <summary>The versioned kernel package (linux-image-6.1.0-N-arm64) that the linux-image-arm64 metapackage points at.</summary>
    public async Task<string> KernelDebAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var kernel = System.IO.Directory.EnumerateFiles(Directory, "linux-image-*_arm64.deb")
            .Where(f => VersionedKernel().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).LastOrDefault();
        if (kernel is not null) return kernel;
        string meta = await DebAsync("linux-image-arm64", cancellationToken).ConfigureAwait(false);
        string depends = await ExternalTool.RunAsync("dpkg-deb", ["-f", meta, "Depends"], Directory, cancellationToken).ConfigureAwait(false);
        var name = VersionedKernelName().Match(depends);
        if (!name.Success) throw new IOException($"linux-image-arm64 depends on no versioned kernel ('{depends.Trim()}')");
        return await DebAsync(name.Value, cancellationToken).ConfigureAwait(false);
    }

    private string? Cached(string prefix) =>
        System.IO.Directory.EnumerateFiles(Directory, $"{prefix}*_arm64.deb").Order(StringComparer.Ordinal).LastOrDefault();

    [GeneratedRegex(@"^linux-image-\d[^_]*-arm64_")]
    private static partial Regex VersionedKernel();

    [GeneratedRegex(@"linux-image-\d[^\s,:|]*-arm64")]
    private static partial Regex VersionedKernelName();
}
