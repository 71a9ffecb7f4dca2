namespace DeviceBench.Host.Boards.Lava;

/// <summary>What <c>devicebench lava job</c> puts in a job: which board, which contenders, how many rounds, and where the board fetches its files.</summary>
public sealed record LavaJobSettings
{
    /// <summary>The emulated arm64 board (LAVA's <c>qemu</c> device type with a tmpfs deploy).</summary>
    public const string QemuDeviceType = "qemu";

    /// <summary>The port every contender serves on, on the board; the lab forwards or routes to it.</summary>
    public const int BoardPort = 8080;

    public required string DeviceType { get; init; }

    public required IReadOnlyList<string> Contenders { get; init; }

    public int Rounds { get; init; } = 1;

    /// <summary>How long each contender serves the lab's load after READY.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The folder URL the job fetches the files <c>lava job</c> wrote from: vmlinuz and initrd.cpio for qemu,
    /// the contenders' tarball for a real board.
    /// </summary>
    public required Uri FirmwareUrl { get; init; }

    /// <summary>A real board's kernel, device tree and NFS root filesystem (the device type's tftp deploy); unused by qemu.</summary>
    public Uri? KernelUrl { get; init; }

    public Uri? DtbUrl { get; init; }

    public Uri? RootfsUrl { get; init; }

    /// <summary>The shell prompt LAVA waits for after boot (a regular expression); the emulated board's is busybox's <c>/ # </c>.</summary>
    public string? Prompt { get; init; }

    /// <summary>Seed of the contender order in each round.</summary>
    public int? Seed { get; init; }

    public bool IsEmulated => DeviceType == QemuDeviceType;
}
