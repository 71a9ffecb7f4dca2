using System.Globalization;
using System.Text;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// Writes a LAVA job definition (YAML) that boots a board, runs each contender under the firmware in a shuffled order
/// per round, and has the board turn its own protocol lines into test cases with measurements and units. The emulated
/// board uses the qemu device type's tmpfs deploy of <see cref="LavaImage"/>'s kernel and single-archive initrd (LAVA
/// adds its test overlay into the cpio); a real board the device type's tftp deploy with an NFS root, and its first
/// test step fetches the contenders' tarball. Load comes from the lab: see <see cref="LavaBoardFiles.LoadMarker"/>.
/// </summary>
public static class LavaJob
{
    /// <summary>Device types whose 32-bit kernels boot as zImage; the others (arm64) as Image.</summary>
    private static readonly string[] ZimageDeviceTypes = ["bcm2837-rpi-3-b-32", "bcm2836-rpi-2-b", "bcm2835-rpi-b-rev2"];

    /// <summary>The emulated board's shape; the image's BOOT line says the same.</summary>
    public const int EmulatedCores = 2;

    public const int EmulatedMemoryMegabytes = 1024;

    public static string Write(LavaJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var c = CultureInfo.InvariantCulture;
        var random = settings.Seed is { } seed ? new Random(seed) : new Random();
        int loadSeconds = (int)Math.Ceiling(settings.LoadDuration.TotalSeconds);
        // Per contender: start (Kestrel under emulation takes seconds), the load window, stop and report; generous,
        // because a lab's worker and a CI machine are both busy.
        int testMinutes = 5 + (int)Math.Ceiling(settings.Rounds * settings.Contenders.Count * (loadSeconds + 120) / 60.0);
        var yaml = new StringBuilder();
        yaml.Append(c, $"device_type: {settings.DeviceType}\n");
        yaml.Append(c, $"job_name: devicebench {string.Join(' ', settings.Contenders)} on {settings.DeviceType}, {settings.Rounds} round(s)\n");
        yaml.Append(c, $"timeouts:\n  job: {{minutes: {testMinutes + 25}}}\n  action: {{minutes: 10}}\n  connection: {{minutes: 2}}\n");
        yaml.Append("priority: medium\nvisibility: public\n");
        if (settings.IsEmulated)
        {
            yaml.Append(c, $"context:\n  arch: arm64\n  cpu: cortex-a72\n  machine: virt\n  memory: {EmulatedMemoryMegabytes}\n  extra_options: ['-smp {EmulatedCores}']\n");
        }
        yaml.Append("actions:\n");
        if (settings.IsEmulated) AppendEmulatedBoot(yaml, settings);
        else AppendBoardBoot(yaml, settings);

        yaml.Append(c, $"- test:\n    timeout: {{minutes: {testMinutes}}}\n    definitions:\n");
        for (int round = 1; round <= settings.Rounds; round++)
        {
            yaml.Append(c, $"    - from: inline\n      name: devicebench-round-{round}\n      path: inline/devicebench-round-{round}.yaml\n");
            yaml.Append(c, $"      repository:\n        metadata:\n          format: Lava-Test Test Definition 1.0\n          name: devicebench-round-{round}\n");
            yaml.Append("          description: DeviceBench contenders, each figure a test case with its measurement and unit\n");
            yaml.Append("        run:\n          steps:\n");
            if (!settings.IsEmulated && round == 1)
            {
                yaml.Append(c, $"          - {Quote($"mkdir -p {LavaImage.BoardDirectory} && {{ curl -fsSL {Shell(TarballUrl(settings))} || wget -qO- {Shell(TarballUrl(settings))}; }} | tar -xzf - -C {LavaImage.BoardDirectory}")}\n");
            }
            foreach (string contender in settings.Contenders.OrderBy(_ => random.Next()))
            {
                yaml.Append(c, $"          - {Quote(ContenderStep(contender, loadSeconds))}\n");
            }
        }
        return yaml.ToString();
    }

    /// <summary>The firmware's command line for one contender, as the bench runs it, reporting on stdout with all the board's cores.</summary>
    public static string ContenderStep(string contender, int loadSeconds)
    {
        var launch = ContenderCatalog.Launch(contender, LavaJobSettings.BoardPort, 1, TimeSpan.FromSeconds(1));
        var words = new List<string>();
        for (int i = 0; i < launch.Command.Count; i++)
        {
            string word = launch.Command[i].Replace("{dir}", LavaImage.BoardDirectory, StringComparison.Ordinal).Replace("{serial}", "stdout", StringComparison.Ordinal);
            // Every core the board has, as the bench gives a board's contenders: the shell on the board counts them.
            words.Add(i > 0 && launch.Command[i - 1] == "--threads" ? "$(nproc)" : Shell(word));
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"sh {LavaImage.BoardDirectory}/{LavaBoardFiles.ContenderScript} {contender} {LavaJobSettings.BoardPort} {loadSeconds} {string.Join(' ', words)}");
    }

    public static Uri TarballUrl(LavaJobSettings settings) => Child(settings.FirmwareUrl, LavaImage.TarballName);

    private static void AppendEmulatedBoot(StringBuilder yaml, LavaJobSettings settings)
    {
        yaml.Append("- deploy:\n    to: tmpfs\n    timeout: {minutes: 10}\n    images:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      kernel:\n        image_arg: -kernel {{kernel}}\n        url: {Quote(Child(settings.FirmwareUrl, LavaImage.KernelName).ToString())}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      initrd:\n        image_arg: -initrd {{initrd}}\n        url: {Quote(Child(settings.FirmwareUrl, LavaImage.InitrdName).ToString())}\n");
        yaml.Append("        format: cpio.newc\n        overlays:\n          lava: true\n");
        yaml.Append(CultureInfo.InvariantCulture, $"- boot:\n    method: qemu\n    media: tmpfs\n    timeout: {{minutes: 5}}\n    prompts: [{Quote(settings.Prompt ?? "/ # ")}]\n");
    }

    private static void AppendBoardBoot(StringBuilder yaml, LavaJobSettings settings)
    {
        string kernelType = ZimageDeviceTypes.Contains(settings.DeviceType) ? "zimage" : "image";
        yaml.Append("- deploy:\n    to: tftp\n    timeout: {minutes: 10}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    kernel:\n      url: {Quote(Required(settings.KernelUrl, "kernel"))}\n      type: {kernelType}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    dtb:\n      url: {Quote(Required(settings.DtbUrl, "dtb"))}\n");
        string rootfs = Required(settings.RootfsUrl, "rootfs");
        yaml.Append(CultureInfo.InvariantCulture, $"    nfsrootfs:\n      url: {Quote(rootfs)}\n");
        if (Compression(rootfs) is { } compression) yaml.Append(CultureInfo.InvariantCulture, $"      compression: {compression}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"- boot:\n    method: u-boot\n    commands: nfs\n    timeout: {{minutes: 10}}\n    prompts: [{Quote(settings.Prompt ?? "root@[^:]*:[^#]*# ")}]\n");
    }

    private static string Required(Uri? url, string what) =>
        url?.ToString() ?? throw new ArgumentException($"a real board's job needs the {what}'s URL");

    private static string? Compression(string url) => Path.GetExtension(new Uri(url).AbsolutePath) switch
    {
        ".xz" => "xz",
        ".gz" or ".tgz" => "gz",
        ".bz2" => "bz2",
        _ => null,
    };

    private static Uri Child(Uri folder, string name) => new(folder.ToString().TrimEnd('/') + "/" + name);

    /// <summary>A YAML single-quoted scalar: only the quote itself needs doubling.</summary>
    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A shell word: left bare when it is plain, single-quoted otherwise.</summary>
    private static string Shell(object word)
    {
        string text = word.ToString() ?? "";
        return text.Length > 0 && text.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./:=+,@".Contains(ch)) ? text : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
