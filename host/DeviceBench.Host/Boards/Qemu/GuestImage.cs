using System.Security.Cryptography;
using System.Text;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// Assembles what the emulated board boots: Debian's arm64 kernel and an initramfs of two concatenated cpio
/// archives (the kernel unpacks them in turn). The base archive — busybox, glibc, libgcc, libgpiod, the virtio-net
/// modules and the guest scripts — is built once and cached under <c>qemu/cache/</c>, keyed by its inputs; the
/// overlay with this run's artifacts and boot line is packed on every deploy, into the board's own folder.
/// </summary>
internal sealed class GuestImage
{
    private static readonly string[] UserlandPackages = ["busybox-static", "libc6", "libgcc-s1", "libgpiod2"];

    private GuestImage(string kernel, string initrd)
    {
        KernelPath = kernel;
        InitrdPath = initrd;
    }

    public string KernelPath { get; }

    public string InitrdPath { get; }

    /// <summary>Builds the image; the per-run parts go to <paramref name="outputDirectory"/>, so boards never share them.</summary>
    public static async Task<GuestImage> BuildAsync(string artifactsRoot, string bootLine, string outputDirectory, CancellationToken cancellationToken)
    {
        string architecture = ArchitectureDirectory(artifactsRoot);
        var (kernel, baseCpio) = await BaseAsync(artifactsRoot, cancellationToken).ConfigureAwait(false);
        string image = outputDirectory;
        string overlay = Path.Combine(image, "overlay");
        if (Directory.Exists(overlay)) Directory.Delete(overlay, recursive: true);
        CopyArtifacts(architecture, Path.Combine(overlay, GuestFiles.ArtifactsPath.TrimStart('/')));
        string bootLinePath = Path.Combine(overlay, GuestFiles.BootLinePath);
        Directory.CreateDirectory(Path.GetDirectoryName(bootLinePath)!);
        await File.WriteAllTextAsync(bootLinePath, bootLine + "\n", cancellationToken).ConfigureAwait(false);
        string overlayCpio = Path.Combine(image, "overlay.cpio");
        await PackAsync(overlay, overlayCpio, cancellationToken).ConfigureAwait(false);

        string initrd = Path.Combine(image, "initrd.cpio");
        await using (var output = File.Create(initrd))
            foreach (string part in new[] { baseCpio, overlayCpio })
                await using (var input = File.OpenRead(part))
                    await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        Directory.Delete(overlay, recursive: true);
        File.Delete(overlayCpio);
        return new GuestImage(kernel, initrd);
    }

    /// <summary>
    /// The same board as ONE cpio archive with the artifacts inside, plus <paramref name="extraFiles"/> (executable),
    /// written with the kernel to <paramref name="outputDirectory"/> as <c>vmlinuz</c> and <c>initrd.cpio</c>: LAVA
    /// unpacks an initrd to add its test overlay and reads only the first archive of a concatenation.
    /// </summary>
    public static async Task<GuestImage> BuildSingleArchiveAsync(string artifactsRoot, string bootLine, string outputDirectory,
        IReadOnlyList<(string Path, string Text)> extraFiles, CancellationToken cancellationToken)
    {
        string architecture = ArchitectureDirectory(artifactsRoot);
        var (kernel, baseCpio) = await BaseAsync(artifactsRoot, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(outputDirectory);
        string root = Path.Combine(outputDirectory, $"root-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await ExternalTool.ShellAsync("cd \"$1\" && cpio -id --quiet < \"$2\"", [root, baseCpio], root, cancellationToken).ConfigureAwait(false);
        CopyArtifacts(architecture, Path.Combine(root, GuestFiles.ArtifactsPath.TrimStart('/')));
        await WriteFilesAsync(root, [(GuestFiles.BootLinePath, bootLine + "\n"), .. extraFiles], cancellationToken).ConfigureAwait(false);
        string initrd = Path.Combine(outputDirectory, "initrd.cpio");
        await PackAsync(root, initrd, cancellationToken).ConfigureAwait(false);
        Directory.Delete(root, recursive: true);
        string vmlinuz = Path.Combine(outputDirectory, "vmlinuz");
        File.Copy(kernel, vmlinuz, overwrite: true);
        return new GuestImage(vmlinuz, initrd);
    }

    private static string ArchitectureDirectory(string artifactsRoot)
    {
        string architecture = Path.Combine(artifactsRoot, "arm64");
        if (!File.Exists(Path.Combine(architecture, "manifest.tsv")))
            throw new FileNotFoundException($"{architecture}/manifest.tsv is missing: run scripts/build.sh arm64 first");
        return architecture;
    }

    /// <summary>The kernel and the cached base archive, fetched and built on first use.</summary>
    private static async Task<(string Kernel, string BaseCpio)> BaseAsync(string artifactsRoot, CancellationToken cancellationToken)
    {
        var cache = new ArmPackageCache(Path.Combine(artifactsRoot, "qemu", "cache"));
        string kernelDeb = await cache.KernelDebAsync(cancellationToken).ConfigureAwait(false);
        var userland = new List<string>();
        foreach (string package in UserlandPackages) userland.Add(await cache.DebAsync(package, cancellationToken).ConfigureAwait(false));
        string kernelDir = await ExtractKernelAsync(cache.Directory, kernelDeb, cancellationToken).ConfigureAwait(false);
        string kernel = Directory.EnumerateFiles(Path.Combine(kernelDir, "boot"), "vmlinuz-*").Single();
        return (kernel, await BaseArchiveAsync(cache.Directory, kernelDir, userland, cancellationToken).ConfigureAwait(false));
    }

    private static async Task WriteFilesAsync(string root, IEnumerable<(string Path, string Text)> files, CancellationToken cancellationToken)
    {
        foreach (var (path, text) in files)
        {
            string file = Path.Combine(root, path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
        }
    }

    private static async Task<string> ExtractKernelAsync(string cache, string kernelDeb, CancellationToken cancellationToken)
    {
        // Keyed by the module list too, so adding a module extracts again rather than finding an older extraction.
        string modules = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', GuestFiles.Modules))))[..8].ToLowerInvariant();
        string dir = Path.Combine(cache, $"{Path.GetFileNameWithoutExtension(kernelDeb)}-{modules}");
        if (Directory.Exists(Path.Combine(dir, "boot"))) return dir;
        string partial = $"{dir}.{Guid.NewGuid():N}.partial";
        Directory.CreateDirectory(partial);
        string[] wanted = ["./boot/vmlinuz-*", .. GuestFiles.Modules.Select(m => $"*/{m}.ko")];
        await ExternalTool.ShellAsync("deb=$1; out=$2; shift 2; dpkg-deb --fsys-tarfile \"$deb\" | tar -x -C \"$out\" --wildcards \"$@\"",
            [kernelDeb, partial, .. wanted], cache, cancellationToken).ConfigureAwait(false);
        try { Directory.Move(partial, dir); }
        catch (IOException) when (Directory.Exists(Path.Combine(dir, "boot"))) { Directory.Delete(partial, recursive: true); }
        return dir;
    }

    private static async Task<string> BaseArchiveAsync(string cache, string kernelDir, IReadOnlyList<string> debs, CancellationToken cancellationToken)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            [Path.GetFileName(kernelDir), .. debs.Select(Path.GetFileName), .. GuestFiles.All.Select(f => f.Path + f.Text)]))))[..16].ToLowerInvariant();
        string archive = Path.Combine(cache, $"base-{key}.cpio");
        if (File.Exists(archive)) return archive;

        // Staged under a unique name and moved into place whole, so two boards assembling at once cannot collide.
        string root = Path.Combine(cache, $"base-root-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        foreach (string deb in debs) await ExternalTool.RunAsync("dpkg-deb", ["-x", deb, root], cache, cancellationToken).ConfigureAwait(false);
        // Documentation and iconv modules are most of these packages' bytes and nothing here uses them; the guest's
        // RAM holds the initramfs, so they would only shrink what the contenders have.
        foreach (string unused in new[] { "usr/share", "usr/lib/aarch64-linux-gnu/gconv" })
            if (Directory.Exists(Path.Combine(root, unused))) Directory.Delete(Path.Combine(root, unused), recursive: true);
        foreach (string dir in new[] { "proc", "sys", "dev", "run", "tmp", "sbin", "usr/bin", "usr/sbin", "lib/modules", "www/cgi-bin", "etc/devicebench" })
            Directory.CreateDirectory(Path.Combine(root, dir));
        foreach (string module in GuestFiles.Modules)
            File.Copy(Directory.EnumerateFiles(Path.Combine(kernelDir, "lib"), $"{module}.ko", SearchOption.AllDirectories).Single(),
                Path.Combine(root, "lib", "modules", $"{module}.ko"));
        await WriteFilesAsync(root, GuestFiles.All, cancellationToken).ConfigureAwait(false);
        await PackAsync(root, root + ".cpio", cancellationToken).ConfigureAwait(false);
        File.Move(root + ".cpio", archive, overwrite: true);
        Directory.Delete(root, recursive: true);
        return archive;
    }

    private static void CopyArtifacts(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".dbg", StringComparison.Ordinal)) continue;
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static Task<string> PackAsync(string root, string archive, CancellationToken cancellationToken) =>
        ExternalTool.ShellAsync("cd \"$1\" && find . | cpio -o -H newc -R 0:0 --quiet > \"$2\"", [root, Path.GetFullPath(archive)], root, cancellationToken);
}
