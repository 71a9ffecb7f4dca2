using DeviceBench.Host.Boards.Qemu;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// The files a LAVA job fetches, written beside it: for the emulated board the same image as <c>--board qemu</c>
/// (<see cref="GuestImage"/>) as a kernel and ONE cpio archive with the contenders, the contender script and a console
/// shell inside; for a real board a tarball of the arm64 contenders and the script, unpacked into
/// <see cref="BoardDirectory"/> by the job's first step.
/// </summary>
public static class LavaImage
{
    public const string BoardDirectory = GuestFiles.ArtifactsPath;

    public const string KernelName = "vmlinuz";

    public const string InitrdName = "initrd.cpio";

    public const string TarballName = "devicebench-arm64.tar.gz";

    /// <summary>Writes <see cref="KernelName"/> and <see cref="InitrdName"/> into <paramref name="outputDirectory"/>.</summary>
    public static async Task WriteEmulatedAsync(string artifactsRoot, string outputDirectory, CancellationToken cancellationToken)
    {
        string bootLine = new BootRecord("qemu", "board", "lava:qemu", 1, "arm64", LavaJob.EmulatedCores, (long)LavaJob.EmulatedMemoryMegabytes << 20)
            .ToLine().ToString();
        await GuestImage.BuildSingleArchiveAsync(Path.GetFullPath(artifactsRoot), bootLine, Path.GetFullPath(outputDirectory),
            [("etc/inittab", LavaBoardFiles.Inittab), ($"{BoardDirectory}/{LavaBoardFiles.ContenderScript}", LavaBoardFiles.Script)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <see cref="TarballName"/>: <c>artifacts/arm64/</c> without debug symbols, and the contender script.</summary>
    public static async Task WriteTarballAsync(string artifactsRoot, string outputDirectory, CancellationToken cancellationToken)
    {
        string architecture = Path.GetFullPath(Path.Combine(artifactsRoot, "arm64"));
        if (!File.Exists(Path.Combine(architecture, "manifest.tsv")))
            throw new FileNotFoundException($"{architecture}/manifest.tsv is missing: run scripts/build.sh arm64 first");
        string output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        string script = Path.Combine(output, LavaBoardFiles.ContenderScript);
        await File.WriteAllTextAsync(script, LavaBoardFiles.Script, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExternalTool.ShellAsync("tar -czf \"$1\" --owner=0 --group=0 --exclude='*.dbg' -C \"$2\" . -C \"$3\" \"$4\"",
                [Path.Combine(output, TarballName), architecture, output, LavaBoardFiles.ContenderScript], output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(script);
        }
    }
}
