using System.CommandLine;
using System.Text.RegularExpressions;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.Host.Load;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench lava job</c>: a LAVA job definition and the files it fetches, so a lab runs DeviceBench with its own
/// scheduler. The board reports each figure as a LAVA test case; its protocol lines stay in the job log.
/// </summary>
public static partial class LavaCommand
{
    private const string JobExitCodes = "Exit codes: 0 written; 1 the files could not be written; 2 bad options or no arm64 build (nothing written).";

    public static Command Create()
    {
        var command = new Command("lava", "Run DeviceBench on a LAVA board farm");
        command.Subcommands.Add(CreateJob());
        return command;
    }

    private static Command CreateJob()
    {
        var deviceType = new Option<string>("--device-type")
        {
            Description = "LAVA device type: qemu (the emulated arm64 board), bcm2711-rpi-4-b, bcm2837-rpi-3-b, … (any u-boot type with a tftp/NFS deploy)",
            Required = true,
        };
        var contenders = new Option<string[]>("--contender", "--contenders") { Description = $"Contenders to run (default: all of {string.Join(", ", ContenderCatalog.Names)})" };
        var rounds = new Option<int>("--rounds", "-r") { Description = "Rounds (order shuffled each round; one test definition per round)", DefaultValueFactory = _ => 3, CustomParser = BoundedOption.Whole };
        var load = BoundedOption.Duration("--load-duration", null, "How long each contender serves the lab's load after READY", TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        var firmwareUrl = new Option<string?>("--firmware-url")
        {
            Description = $"Folder URL the job fetches the written files from ({LavaImage.KernelName} and {LavaImage.InitrdName} for qemu, {LavaImage.TarballName} for a real board); default for qemu: file:// of --output",
        };
        var kernelUrl = new Option<string?>("--kernel-url") { Description = "Real boards: the kernel (Image, or zImage on 32-bit types) the tftp deploy fetches" };
        var dtbUrl = new Option<string?>("--dtb-url") { Description = "Real boards: the device tree blob" };
        var rootfsUrl = new Option<string?>("--rootfs-url") { Description = "Real boards: the NFS root filesystem tarball (.tar.xz/.tar.gz)" };
        var prompt = new Option<string?>("--prompt") { Description = "Shell prompt after boot, a regular expression (default: '/ # ' for qemu, 'root@…# ' otherwise)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the contender order", CustomParser = r => BoundedOption.Whole(r) };
        var output = new Option<string>("--output", "-o") { Description = "Folder for job.yaml and the files it fetches", DefaultValueFactory = _ => "lava" };
        var artifacts = new Option<string>("--artifacts") { Description = "Built artifacts (scripts/build.sh arm64)", DefaultValueFactory = _ => "artifacts" };
        var command = new Command("job", $"Write a LAVA job (job.yaml) and the files it deploys. {JobExitCodes}")
        {
            deviceType, contenders, rounds, load, firmwareUrl, kernelUrl, dtbUrl, rootfsUrl, prompt, seed, output, artifacts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = Path.GetFullPath(parse.GetRequiredValue(output));
            LavaJobSettings settings;
            try
            {
                string type = parse.GetRequiredValue(deviceType);
                if (!DeviceTypeName().IsMatch(type)) throw new ArgumentException($"--device-type '{type}' is not a LAVA device type name");
                var chosen = parse.GetValue(contenders) is { Length: > 0 } named ? named : ContenderCatalog.Names;
                foreach (string name in chosen) ContenderCatalog.Launch(name, 1, 1, TimeSpan.FromSeconds(1));
                int roundCount = parse.GetValue(rounds);
                if (roundCount is < 1 or > 100) throw new ArgumentException($"--rounds must be a whole number from 1 to 100 (got {roundCount})");
                bool emulated = type == LavaJobSettings.QemuDeviceType;
                settings = new LavaJobSettings
                {
                    DeviceType = type,
                    Contenders = chosen,
                    Rounds = roundCount,
                    LoadDuration = parse.GetValue(load),
                    FirmwareUrl = Url("--firmware-url", parse.GetValue(firmwareUrl)) ?? (emulated ? new Uri(folder + "/")
                        : throw new ArgumentException($"--firmware-url is required for {type}: where the board downloads {LavaImage.TarballName} from")),
                    KernelUrl = Url("--kernel-url", parse.GetValue(kernelUrl)),
                    DtbUrl = Url("--dtb-url", parse.GetValue(dtbUrl)),
                    RootfsUrl = Url("--rootfs-url", parse.GetValue(rootfsUrl)),
                    Prompt = parse.GetValue(prompt),
                    Seed = parse.GetValue(seed),
                };
                if (!emulated && (settings.KernelUrl is null || settings.DtbUrl is null || settings.RootfsUrl is null))
                    throw new ArgumentException($"{type} boots over tftp/NFS: give --kernel-url, --dtb-url and --rootfs-url");
                ContenderCatalog.CheckArtifacts(parse.GetRequiredValue(artifacts), "arm64", chosen);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                return await CommandRunner.FailAsync("lava job", ErrorText.Of(e), ExitCodes.Usage).ConfigureAwait(false);
            }
            try
            {
                Directory.CreateDirectory(folder);
                if (settings.IsEmulated) await LavaImage.WriteEmulatedAsync(parse.GetRequiredValue(artifacts), folder, cancellationToken).ConfigureAwait(false);
                else await LavaImage.WriteTarballAsync(parse.GetRequiredValue(artifacts), folder, cancellationToken).ConfigureAwait(false);
                string job = Path.Combine(folder, "job.yaml");
                await File.WriteAllTextAsync(job, LavaJob.Write(settings), cancellationToken).ConfigureAwait(false);
                Console.WriteLine(job);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await CommandRunner.FailAsync("lava job", $"cannot write the job into {folder}: {ErrorText.Of(e)}", ExitCodes.Failed).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Uri? Url(string option, string? text)
    {
        if (text is null) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "file") return url;
        throw new ArgumentException($"{option} must be an http://, https:// or file:// URL (got '{text}')");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex DeviceTypeName();
}
