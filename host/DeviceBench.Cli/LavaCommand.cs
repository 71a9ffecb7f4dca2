using System.CommandLine;
using System.Text.RegularExpressions;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.Host.Load;
using DeviceBench.Cli.Bench;
using DeviceBench.Cli.Load;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench lava job</c>: a LAVA job definition and the files it fetches, so a lab runs DeviceBench with its own
/// scheduler. The board reports each figure as a LAVA test case; its protocol lines stay in the job log.
/// <c>devicebench lava loadgen</c>: the job's own load generator, run in its loadgen namespace on the worker.
/// <c>devicebench lava fetch</c>: a finished job back as a normal run folder.
/// </summary>
public static partial class LavaCommand
{
    private const string JobExitCodes = "Exit codes: 0 written; 1 the files could not be written; 2 bad options or no arm64 build (nothing written).";

    public static Command Create()
    {
        var command = new Command("lava", "Run DeviceBench on a LAVA board farm");
        command.Subcommands.Add(CreateJob());
        command.Subcommands.Add(CreateFetch());
        command.Subcommands.Add(CreateLoadgen());
        return command;
    }

    /// <summary>Where a LAVA token may come from besides --token-file: never a command-line value (shell history, process lists).</summary>
    public const string TokenVariable = "DEVICEBENCH_LAVA_TOKEN";

    private const string FetchExitCodes = "Exit codes: 0 a complete run written; 1 the job is not finished, the server is unreachable, "
        + "or the run is partial/failed (run.json says why); 2 bad options or an unreadable token file.";

    private static Command CreateFetch()
    {
        var server = new Option<string>("--server") { Description = "The LAVA server, e.g. https://lava.example.org", Required = true };
        var job = new Option<long>("--job") { Description = "The job id", Required = true };
        var tokenFile = new Option<string?>("--token-file") { Description = $"File holding an API token (default: ${TokenVariable}, or none for a public job)" };
        var results = new Option<string>("--results") { Description = "Folder for results", DefaultValueFactory = _ => "results" };
        var command = new Command("fetch", $"Read a finished LAVA job's test cases and log and write a normal run folder (run.json, report.md, report.html). {FetchExitCodes}")
        {
            server, job, tokenFile, results,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Uri serverUrl;
            string? token;
            try
            {
                serverUrl = Url("--server", parse.GetRequiredValue(server)) is { Scheme: "http" or "https" } url ? url
                    : throw new ArgumentException("--server must be an http:// or https:// URL");
                token = Token(parse.GetValue(tokenFile));
            }
            catch (ArgumentException e)
            {
                return await CommandRunner.FailAsync("lava fetch", ErrorText.Of(e), ExitCodes.Usage).ConfigureAwait(false);
            }
            using var lava = new LavaServer(serverUrl, token);
            return await FetchAsync(lava, parse.GetValue(job), parse.GetRequiredValue(results), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Fetches a finished job into a run folder and renders its report; the exit code as <c>lava fetch</c> gives it.</summary>
    internal static async Task<int> FetchAsync(LavaServer lava, long job, string resultsRoot, CancellationToken cancellationToken)
    {
        LavaJobState state;
        LavaLog log;
        try
        {
            state = await lava.GetJobAsync(job, cancellationToken).ConfigureAwait(false);
            if (!state.IsFinished) return await CommandRunner.FailAsync("lava fetch", $"job {job} on {lava.Name} is {state.State}, not finished yet", ExitCodes.Failed).ConfigureAwait(false);
            var lines = await lava.GetLogAsync(job, cancellationToken).ConfigureAwait(false);
            var cases = await lava.GetTestCasesAsync(job, cancellationToken).ConfigureAwait(false);
            log = LavaLog.Parse(lines).WithTestCases(cases);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return await CommandRunner.FailAsync("lava fetch", $"cannot read job {job} from {lava.Name}: {ErrorText.Of(e)}", ExitCodes.Failed).ConfigureAwait(false);
        }
        string board = $"lava:{lava.Name}/{job}/{state.Device ?? state.DeviceType ?? "unknown"}";
        string folder;
        try { folder = LavaRunRecord.Write(log, board, state.StartedUtc ?? DateTimeOffset.UtcNow, resultsRoot); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await CommandRunner.FailAsync("lava fetch", $"cannot write the run into {Path.GetFullPath(resultsRoot)}: {ErrorText.Of(e)}",
                e is IOException io && RunFolder.IsDiskFull(io) ? ExitCodes.ResultsFolderFull : ExitCodes.Failed).ConfigureAwait(false);
        }
        var run = RunFolder.Load(folder);
        RunTable.Render(AnsiConsole.Console, run);
        AnsiConsole.MarkupLine($"results: {Markup.Escape(folder)}");
        try { AnsiConsole.MarkupLine($"report: {Markup.Escape(ReportWriter.WriteAll(folder).HtmlPath)}"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await CommandRunner.FailAsync("lava fetch", $"report not written ({ErrorText.Of(e)}); retry with: devicebench report {folder}", ExitCodes.Failed).ConfigureAwait(false);
        }
        if (state.Health != "Complete") return await CommandRunner.FailAsync("lava fetch", $"job {job} ended {state.Health}: run {run.Status.Text()}", ExitCodes.Failed).ConfigureAwait(false);
        return run.Status == RunStatus.Complete ? ExitCodes.Success
            : await CommandRunner.FailAsync("lava fetch", $"run {run.Status.Text()}: {run.Reason}", ExitCodes.Failed).ConfigureAwait(false);
    }

    /// <summary><c>lava://SERVER/TYPE[,TYPE…]</c> (https) or <c>lava+http://…</c>: a LAVA board for <c>bench</c>.</summary>
    public static bool IsBoardSpec(string spec) => spec.StartsWith("lava://", StringComparison.Ordinal) || spec.StartsWith("lava+http://", StringComparison.Ordinal);

    /// <summary>
    /// <c>bench --board lava://SERVER/TYPE[,TYPE…]</c>: a job per device type named (a type named twice is two jobs, which
    /// the scheduler gives to two devices), submitted together, waited for, and each fetched into its own run folder, so
    /// <c>compare</c> sets them side by side. The emulated board's image is written under RESULTS/lava-jobs/ and fetched
    /// by the worker as file://, and the job's loadgen runs this devicebench, so this serves a worker on this machine (the
/// emulated board forwarded from <see cref="LavaJobSettings.EmulatedHostPort"/>); a lab's real boards need their boot files:
    /// <c>lava job</c> with their URLs, then <c>lava fetch</c>.
    /// </summary>
    internal static async Task<int> BenchAsync(string spec, BenchSettings settings, string resultsRoot, string artifacts, CancellationToken cancellationToken)
    {
        var match = BoardSpec().Match(spec);
        string[] types = match.Success ? match.Groups["types"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        if (types.Length == 0 || !types.All(DeviceTypeName().IsMatch))
            return await CommandRunner.FailAsync("bench", $"board '{spec}' is not lava://SERVER/DEVICE-TYPE[,DEVICE-TYPE…] (or lava+http://…)", ExitCodes.Usage).ConfigureAwait(false);
        if (types.FirstOrDefault(t => t != LavaJobSettings.QemuDeviceType) is { } real)
            return await CommandRunner.FailAsync("bench", $"{real} boots from files only your lab has: write its job with devicebench lava job --device-type {real} "
                + "--firmware-url … --kernel-url … --dtb-url … --rootfs-url …, submit it, then devicebench lava fetch", ExitCodes.Usage).ConfigureAwait(false);
        try { ContenderCatalog.CheckArtifacts(artifacts, "arm64", settings.Contenders); }
        catch (FileNotFoundException e)
        {
            return await CommandRunner.FailAsync("bench", $"{e.Message}, or point --artifacts at the folder it built", ExitCodes.Usage).ConfigureAwait(false);
        }
        var server = new Uri($"{(match.Groups["http"].Success ? "http" : "https")}://{match.Groups["server"].Value}/");
        using var lava = new LavaServer(server, Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token ? token.Trim() : null);
        string files = Path.GetFullPath(Path.Combine(resultsRoot, "lava-jobs", DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
        var jobs = new List<long>();
        try
        {
            Directory.CreateDirectory(files);
            await LavaImage.WriteEmulatedAsync(artifacts, files, cancellationToken).ConfigureAwait(false);
            foreach (string type in types)
            {
                string definition = LavaJob.Write(new LavaJobSettings
                {
                    DeviceType = type, Contenders = settings.Contenders, Rounds = settings.Rounds, Seed = settings.Seed + jobs.Count, FirmwareUrl = new Uri(files + "/"),
                    Devicebench = ThisDevicebench(), Connections = settings.Connections,
                });
                await File.WriteAllTextAsync(Path.Combine(files, $"job-{jobs.Count + 1}.yaml"), definition, cancellationToken).ConfigureAwait(false);
                jobs.Add(await lava.SubmitAsync(definition, cancellationToken).ConfigureAwait(false));
                AnsiConsole.MarkupLine($"[bold]devicebench bench[/] on {Markup.Escape(lava.Name)}: job {jobs[^1]} ({Markup.Escape(type)}) submitted");
            }
            foreach (long job in jobs)
            {
                var state = await lava.WaitAsync(job, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLine($"job {job}: {Markup.Escape(state.State)}, {Markup.Escape(state.Health)}");
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or UnauthorizedAccessException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            string submitted = jobs.Count > 0 ? $" (submitted: {string.Join(", ", jobs)}; fetch them later with devicebench lava fetch)" : "";
            return await CommandRunner.FailAsync("bench", $"{lava.Name}: {ErrorText.Of(e)}{submitted}", ExitCodes.Failed).ConfigureAwait(false);
        }
        int exitCode = ExitCodes.Success;
        foreach (long job in jobs)
        {
            int fetched = await FetchAsync(lava, job, resultsRoot, cancellationToken).ConfigureAwait(false);
            if (exitCode == ExitCodes.Success) exitCode = fetched;
        }
        return exitCode;
    }

    private const string LoadgenExitCodes = "Exit codes: 0 the load was answered on every connection asked and its test cases recorded; 1 no request "
        + "answered, fewer connections than asked, or lava-test-case failed (the result line is printed either way); 2 bad options; 130 Ctrl-C.";

    /// <summary>
    /// <c>devicebench lava loadgen</c>: what a job's loadgen test action runs while a contender's load window is open.
    /// Closed-loop load (as bench's maximum-throughput phase), the whole result as one <see cref="LavaLoadgen.ResultMarker"/>
    /// line in the job log, and each client figure as a LAVA test case through <c>lava-test-case</c> (on PATH in a LAVA test shell).
    /// </summary>
    private static Command CreateLoadgen()
    {
        var contender = new Option<string>("--contender") { Description = "The contender being loaded (names its test cases)", Required = true };
        var url = new Option<string>("--url") { Description = "The board's contender, e.g. http://127.0.0.1:18080/", Required = true };
        var duration = BoundedOption.Duration("--duration", "-d", "How long to load (the job's load window)", TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        var connections = BoundedOption.Number("--connections", "-c", "Connections to keep open", 1, LoadOptions.MaxConnections, new BenchSettings().Connections);
        var command = new Command("loadgen", $"Inside a LAVA test shell: load a contender and record the client's figures as test cases. {LoadgenExitCodes}")
        {
            contender, url, duration, connections,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetRequiredValue(contender);
            if (!ContenderCatalog.Names.Contains(name))
                return await CommandRunner.FailAsync("lava loadgen", $"unknown contender '{name}' (known: {string.Join(", ", ContenderCatalog.Names)})",
                    ExitCodes.Usage).ConfigureAwait(false);
            if (!Uri.TryCreate(parse.GetRequiredValue(url), UriKind.Absolute, out var target) || target.Scheme != "http" || target.Host.Length == 0)
                return await CommandRunner.FailAsync("lava loadgen", $"--url '{parse.GetRequiredValue(url)}' is not http://HOST:PORT/ (is the device dictionary's device_ip set, for lava-target-ip?)",
                    ExitCodes.Usage).ConfigureAwait(false);
            var options = new LoadOptions
            {
                Url = target, Connections = parse.GetValue(connections), Duration = parse.GetValue(duration), Timeout = new BenchSettings().RequestTimeout,
            };
            try
            {
                options.Validate();
                // As `load` does, before the first socket: past the open-file limit the runtime aborts instead of failing a connect.
                _ = OpenFileBudget.Reserve(options.DescriptorsNeeded, options.Connections);
            }
            catch (ArgumentException e)
            {
                return await CommandRunner.FailAsync("lava loadgen", e.Message, ExitCodes.Usage).ConfigureAwait(false);
            }
            LoadResult result;
            try
            {
                result = await LoadEngine.RunAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Net.Sockets.SocketException)
            {
                return await CommandRunner.FailAsync("lava loadgen", $"{name}: {ErrorText.Of(e)}", ExitCodes.Failed).ConfigureAwait(false);
            }
            Console.WriteLine(LavaLoadgen.ResultLine(name, result));
            string? failed = null;
            foreach (var (figure, value, units) in LavaLoadgen.Figures(result))
            {
                failed ??= await TestCaseAsync(name + "-" + figure, "pass", LavaLoadgen.Text(value), units, cancellationToken).ConfigureAwait(false);
            }
            failed ??= await TestCaseAsync(name + "-client", result.Requests > 0 ? "pass" : "fail", null, null, cancellationToken).ConfigureAwait(false);
            if (failed is not null) return await CommandRunner.FailAsync("lava loadgen", failed, ExitCodes.Failed).ConfigureAwait(false);
            // The same verdict as `load`: interrupted, nothing answered, or fewer connections than asked is not a measurement.
            var verdict = LoadVerdict.Of(options, result);
            return verdict.Problem is null ? verdict.ExitCode
                : await CommandRunner.FailAsync("lava loadgen", $"{name}: {verdict.Problem}", verdict.ExitCode).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs <c>lava-test-case</c>; null when it recorded the case, otherwise why not.</summary>
    private static async Task<string?> TestCaseAsync(string name, string result, string? measurement, string? units, CancellationToken cancellationToken)
    {
        var info = new System.Diagnostics.ProcessStartInfo("lava-test-case") { UseShellExecute = false };
        foreach (string word in new[] { name, "--result", result }) info.ArgumentList.Add(word);
        if (measurement is not null) foreach (string word in new[] { "--measurement", measurement, "--units", units! }) info.ArgumentList.Add(word);
        try
        {
            using var process = System.Diagnostics.Process.Start(info)!;
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? null : $"lava-test-case {name} exited {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run lava-test-case ({e.Message}): lava loadgen records test cases inside a LAVA test shell";
        }
    }

    /// <summary>The command that runs this devicebench (the apphost, or dotnet and the dll), for a worker on this machine.</summary>
    private static string ThisDevicebench()
    {
        string process = Environment.ProcessPath ?? "devicebench";
        string assembly = typeof(LavaCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && assembly.Length > 0
            ? $"{LavaJob.Shell(process)} {LavaJob.Shell(assembly)}" : LavaJob.Shell(process);
    }

    private static string? Token(string? file)
    {
        if (file is null) return Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } variable ? variable.Trim() : null;
        try { return File.ReadAllText(file).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--token-file {file} cannot be read: {e.Message}", e);
        }
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
        var boardAddress = new Option<string?>("--board-address")
        {
            Description = $"HOST:PORT where the worker reaches the board's contenders (default: 127.0.0.1:{LavaJobSettings.EmulatedHostPort}, the emulated board's "
                + $"forwarded port, for qemu; $(lava-target-ip):{LavaJobSettings.BoardPort}, the device dictionary's device_ip, for a real board)",
        };
        var devicebench = new Option<string>("--devicebench")
        {
            Description = "The devicebench command on the LAVA worker, which runs the load in the job's lxc namespace (lava-lxc-mocker: the worker itself)",
            DefaultValueFactory = _ => "devicebench",
        };
        var connections = BoundedOption.Number("--connections", "-c", "Connections the worker's load keeps open", 1, LoadOptions.MaxConnections, new BenchSettings().Connections);
        var output = new Option<string>("--output", "-o") { Description = "Folder for job.yaml and the files it fetches", DefaultValueFactory = _ => "lava" };
        var artifacts = new Option<string>("--artifacts") { Description = "Built artifacts (scripts/build.sh arm64)", DefaultValueFactory = _ => "artifacts" };
        var command = new Command("job", $"Write a LAVA job (job.yaml) and the files it deploys. {JobExitCodes}")
        {
            deviceType, contenders, rounds, load, firmwareUrl, kernelUrl, dtbUrl, rootfsUrl, prompt, seed, boardAddress, devicebench, connections, output, artifacts,
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
                    BoardAddress = parse.GetValue(boardAddress) is { } address && !BoardAddress().IsMatch(address)
                        ? throw new ArgumentException($"--board-address '{address}' is not HOST:PORT") : parse.GetValue(boardAddress),
                    Devicebench = parse.GetRequiredValue(devicebench) is { Length: > 0 } command && !string.IsNullOrWhiteSpace(command) ? command
                        : throw new ArgumentException("--devicebench must be a command"),
                    Connections = parse.GetValue(connections),
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

    [GeneratedRegex("^lava(?<http>\\+http)?://(?<server>[^/]+)/(?<types>[^/]+)$")]
    private static partial Regex BoardSpec();

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*$")]
    private static partial Regex DeviceTypeName();

    /// <summary>HOST:PORT, the host a name, an IPv4 address or <c>$(lava-target-ip)</c>.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9_.-]+|\$\(lava-target-ip\)):[0-9]{1,5}$")]
    private static partial Regex BoardAddress();
}
