using System.Globalization;
using System.Text;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// Writes a LAVA job definition (YAML) that boots a board, runs each contender under the firmware in a shuffled order
/// per round, and has the board turn its own protocol lines into test cases with measurements and units. The emulated
/// board uses the qemu device type's tmpfs deploy of <see cref="LavaImage"/>'s kernel and single-archive initrd (LAVA
/// adds its test overlay into the cpio); a real board the device type's tftp deploy with an NFS root, and its first
/// test step fetches the contenders' tarball. Load comes from the lab, inside the job: a <see cref="Loadgen"/> lxc
/// namespace on the worker runs <see cref="LavaLoadgen"/> in each contender's load window.
/// </summary>
public static class LavaJob
{
    /// <summary>Device types whose 32-bit kernels boot as zImage; the others (arm64) as Image.</summary>
    private static readonly string[] ZimageDeviceTypes = ["bcm2837-rpi-3-b-32", "bcm2836-rpi-2-b", "bcm2835-rpi-b-rev2"];

    /// <summary>The emulated board's shape; the image's BOOT line says the same.</summary>
    public const int EmulatedCores = 2;

    public const int EmulatedMemoryMegabytes = 1024;

    /// <summary>The lxc namespace the job's load generator runs in; <see cref="Dut"/> is the board's.</summary>
    public const string Loadgen = "loadgen";

    public const string Dut = "dut";

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
        // The load generator's namespace: an lxc container on the worker, which a worker with lava-lxc-mocker (as
        // LAVA's docker workers have) runs as the worker's own shell; no packages, so nothing is installed.
        yaml.Append(c, $"protocols:\n  lava-lxc:\n    name: devicebench-{Loadgen}\n    template: download\n    distribution: debian\n    release: bookworm\n");
        yaml.Append("actions:\n");
        yaml.Append(c, $"- deploy:\n    namespace: {Loadgen}\n    to: lxc\n    timeout: {{minutes: 5}}\n");
        yaml.Append(c, $"- boot:\n    namespace: {Loadgen}\n    method: lxc\n    prompts: ['root@[^:]*:[^#]*# ']\n    timeout: {{minutes: 5}}\n");
        if (settings.IsEmulated) AppendEmulatedBoot(yaml, settings);
        else AppendBoardBoot(yaml, settings);

        // Per contender three test actions: the board starts it and leaves it serving (the DUT stays booted between
        // test actions), the worker loads it, the board stops it and reports. Test definition names are unique per job.
        for (int round = 1; round <= settings.Rounds; round++)
        {
            bool first = round == 1;
            foreach (string contender in settings.Contenders.OrderBy(_ => random.Next()))
            {
                var start = new List<string>();
                if (!settings.IsEmulated && first)
                {
                    start.Add($"mkdir -p {LavaImage.BoardDirectory} && {{ curl -fsSL {Shell(TarballUrl(settings))} || wget -qO- {Shell(TarballUrl(settings))}; }} | tar -xzf - -C {LavaImage.BoardDirectory}");
                }
                first = false;
                start.Add(ContenderStep(contender, loadSeconds));
                AppendTest(yaml, Dut, $"devicebench-round-{round}-{contender}-start", 5, start);
                AppendTest(yaml, Loadgen, $"devicebench-round-{round}-{contender}-load", 2 + loadSeconds / 60, [LoadgenStep(settings, contender, loadSeconds)]);
                AppendTest(yaml, Dut, $"devicebench-round-{round}-{contender}-stop", 2, [$"sh {LavaImage.BoardDirectory}/{LavaBoardFiles.ContenderScript} stop {contender}"]);
            }
        }
        return yaml.ToString();
    }

    /// <summary>The loadgen namespace's command for one contender's load window.</summary>
    public static string LoadgenStep(LavaJobSettings settings, string contender, int loadSeconds)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Create(CultureInfo.InvariantCulture,
            $"{settings.Devicebench} lava loadgen --contender {contender} --url \"http://{settings.Address}/\" --duration {loadSeconds}s --connections {settings.Connections}");
    }

    private static void AppendTest(StringBuilder yaml, string ns, string name, int minutes, IEnumerable<string> steps)
    {
        var c = CultureInfo.InvariantCulture;
        yaml.Append(c, $"- test:\n    namespace: {ns}\n    timeout: {{minutes: {minutes}}}\n    definitions:\n");
        yaml.Append(c, $"    - from: inline\n      name: {name}\n      path: inline/{name}.yaml\n");
        yaml.Append(c, $"      repository:\n        metadata:\n          format: Lava-Test Test Definition 1.0\n          name: {name}\n");
        yaml.Append(c, $"          description: DeviceBench, each figure a test case with its measurement and unit\n");
        yaml.Append("        run:\n          steps:\n");
        foreach (string step in steps) yaml.Append(c, $"          - {Quote(step)}\n");
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
            $"sh {LavaImage.BoardDirectory}/{LavaBoardFiles.ContenderScript} start {contender} {LavaJobSettings.BoardPort} {loadSeconds} {string.Join(' ', words)}");
    }

    public static Uri TarballUrl(LavaJobSettings settings) => Child(settings.FirmwareUrl, LavaImage.TarballName);

    private static void AppendEmulatedBoot(StringBuilder yaml, LavaJobSettings settings)
    {
        yaml.Append($"- deploy:\n    namespace: {Dut}\n    to: tmpfs\n    timeout: {{minutes: 10}}\n    images:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      kernel:\n        image_arg: -kernel {{kernel}}\n        url: {Quote(Child(settings.FirmwareUrl, LavaImage.KernelName).ToString())}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      initrd:\n        image_arg: -initrd {{initrd}}\n        url: {Quote(Child(settings.FirmwareUrl, LavaImage.InitrdName).ToString())}\n");
        yaml.Append("        format: cpio.newc\n        overlays:\n          lava: true\n");
        yaml.Append(CultureInfo.InvariantCulture, $"- boot:\n    namespace: {Dut}\n    method: qemu\n    media: tmpfs\n    timeout: {{minutes: 5}}\n    prompts: [{Quote(settings.Prompt ?? "/ # ")}]\n");
    }

    private static void AppendBoardBoot(StringBuilder yaml, LavaJobSettings settings)
    {
        string kernelType = ZimageDeviceTypes.Contains(settings.DeviceType) ? "zimage" : "image";
        yaml.Append($"- deploy:\n    namespace: {Dut}\n    to: tftp\n    timeout: {{minutes: 10}}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    kernel:\n      url: {Quote(Required(settings.KernelUrl, "kernel"))}\n      type: {kernelType}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    dtb:\n      url: {Quote(Required(settings.DtbUrl, "dtb"))}\n");
        string rootfs = Required(settings.RootfsUrl, "rootfs");
        yaml.Append(CultureInfo.InvariantCulture, $"    nfsrootfs:\n      url: {Quote(rootfs)}\n");
        if (Compression(rootfs) is { } compression) yaml.Append(CultureInfo.InvariantCulture, $"      compression: {compression}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"- boot:\n    namespace: {Dut}\n    method: u-boot\n    commands: nfs\n    timeout: {{minutes: 10}}\n    prompts: [{Quote(settings.Prompt ?? "root@[^:]*:[^#]*# ")}]\n");
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
    public static string Shell(object word)
    {
        string text = word.ToString() ?? "";
        return text.Length > 0 && text.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./:=+,@".Contains(ch)) ? text : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
    }
}
