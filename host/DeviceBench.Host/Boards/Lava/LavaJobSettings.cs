namespace DeviceBench.Host.Boards.Lava;

/// <summary>What <c>devicebench lava job</c> puts in a job: which board, which contenders, how many rounds, and where the board fetches its files.</summary>
public sealed record LavaJobSettings
{
    /// <summary>The emulated arm64 board (LAVA's <c>qemu</c> device type with a tmpfs deploy).</summary>
    public const string QemuDeviceType = "qemu";

    /// <summary>The port every contender serves on, on the board; the lab forwards or routes to it.</summary>
    public const int BoardPort = 8080;

    /// <summary>
    /// The emulated board's port 8080 is forwarded from this port on the worker unless the job says otherwise: the
    /// default of scripts/lib/lava.sh's device dictionary (scripts/lava-device.sh, scripts/lava-server.sh).
    /// </summary>
    public const int EmulatedHostPort = 18080;

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

    /// <summary>
    /// Where the loadgen namespace (on the worker) reaches the board's contenders, <c>HOST:PORT</c>, expanded by the
    /// test shell: by default the emulated board's forwarded port on the worker, or a real board's port 8080 at the
    /// address LAVA gives the test shell as <c>lava-target-ip</c> (the device dictionary's <c>device_ip</c>).
    /// </summary>
    public string? BoardAddress { get; init; }

    public string Address => BoardAddress ?? (IsEmulated ? $"127.0.0.1:{EmulatedHostPort}" : $"$(lava-target-ip):{BoardPort}");

    /// <summary>The command that runs devicebench on the worker, as the loadgen namespace's shell types it.</summary>
    public string Devicebench { get; init; } = "devicebench";

    /// <summary>Connections the loadgen keeps open (bench's default).</summary>
    public int Connections { get; init; } = new Bench.BenchSettings().Connections;

    /// <summary>Seed of the contender order in each round.</summary>
    public int? Seed { get; init; }

    public bool IsEmulated => DeviceType == QemuDeviceType;
}
