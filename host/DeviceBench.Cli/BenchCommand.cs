using System.CommandLine;
using System.Globalization;
using DeviceBench.Cli.Bench;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Esp32;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Load;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench bench</c>: the whole comparison on a board, saved to <c>results/&lt;time&gt;-&lt;board&gt;/</c>. Options, the
/// board and the artifacts are checked before the results folder is made, so a run that cannot start leaves nothing behind.
/// </summary>
public static class BenchCommand
{
    private const string ExitCodesHelp = "Exit codes: 0 complete; 1 partial or failed (run.json says why); 2 bad options, board or artifacts (nothing created); "
        + "74 the results disk filled up; 130 Ctrl-C.";

    /// <summary>From one connection to the seed post's 10,000.</summary>
    public static readonly int[] DefaultLadder = [1, 100, 1000, 10_000];

    public static Command Create()
    {
        var board = new Option<string>("--board")
        {
            Description = "local | ssh://user@host[:port] | qemu[:profile] | lava://server/device-type[,…] (a LAVA lab; token in $DEVICEBENCH_LAVA_TOKEN) | "
                + "esp32:SERIAL@ADDRESS[:PORT] (an ESP32 flashed with the nanoFramework firmware; its defaults: -c 4, --rates 5 10 20, --timeout 10s)",
            DefaultValueFactory = _ => "local",
        };
        var rounds = new Option<int>("--rounds", "-r") { Description = "Rounds per contender (order shuffled each round)", DefaultValueFactory = _ => 3, CustomParser = BoundedOption.Whole };
        var contenders = new Option<string[]>("--contender") { Description = $"Contenders to run (default: all of {string.Join(", ", ContenderCatalog.Names)})" };
        var connections = new Option<int>("--connections", "-c") { Description = "Connections of every load phase", DefaultValueFactory = _ => 64, CustomParser = BoundedOption.Whole };
        var threads = new Option<int?>("--threads")
        {
            Description = "Worker threads of every contender (its --threads), to measure scaling; default: one per CPU the contenders get (all of an emulated board's cores)",
            CustomParser = r => BoundedOption.Whole(r),
        };
        var warmup = BoundedOption.Duration("--warmup", null, "Warm-up before each phase, discarded", TimeSpan.FromSeconds(5), LoadOptions.MaxDuration, allowZero: true);
        var maxDuration = BoundedOption.Duration("--max-duration", null, "Closed-loop maximum-throughput phase", TimeSpan.FromSeconds(15), LoadOptions.MaxDuration);
        var rateDuration = BoundedOption.Duration("--rate-duration", null, "Each open-loop phase", TimeSpan.FromSeconds(15), LoadOptions.MaxDuration);
        var settle = BoundedOption.Duration("--settle", null, "Idle after READY before the settled baseline", TimeSpan.FromSeconds(2), LoadOptions.MaxDuration, allowZero: true);
        var cooldown = BoundedOption.Duration("--cooldown", null, "Pause after each contender", TimeSpan.FromSeconds(3), LoadOptions.MaxDuration, allowZero: true);
        var rates = new Option<double[]>("--rates")
        {
            Description = "Fixed open-loop rates (whole req/s); default: 25/50/75 % of the slowest maximum", AllowMultipleArgumentsPerToken = true,
            CustomParser = BoundedOption.Numbers,
        };
        var slo = new Option<string?>("--slo") { Description = "Search each contender's knee: the highest open-loop rate whose corrected percentile meets this, with no errors unless allowed (p99=2ms, p99.9=10ms,errors=0.1%)" };
        var kneeStep = BoundedOption.Duration("--knee-step", null, "Shortest knee step (longer when the percentile needs it: 10 requests past it, up to 60s)", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
        var kneeSteps = new Option<int>("--knee-steps") { Description = "Most steps of one knee search", DefaultValueFactory = _ => 8, CustomParser = BoundedOption.Whole };
        var ladder = new Option<int[]>("--connections-ladder")
        {
            Description = "Hold each number of keep-alive connections open in turn, at --ladder-rate, for memory and latency per connection (alone: 1 100 1000 10000)",
            AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.ZeroOrMore,
            CustomParser = r => [.. BoundedOption.Numbers(r).Select(v => v == Math.Round(v) && v is >= 1 and <= LoadOptions.MaxConnections ? (int)v : 0)],
        };
        var ladderRate = new Option<double>("--ladder-rate") { Description = "Open-loop rate (whole req/s) spread over a ladder step's connections", DefaultValueFactory = _ => 500, CustomParser = r => BoundedOption.Numbers(r) is [var v] ? v : 0 };
        var ladderStep = BoundedOption.Duration("--ladder-step", null, "Each ladder step", TimeSpan.FromSeconds(10), LoadOptions.MaxDuration);
        var cpus = new Option<string?>("--cpus") { Description = "Contender CPU list, e.g. 0 or 0-1; default: first half (local), all of the board's (ssh)" };
        var loadCpus = new Option<string?>("--load-cpus") { Description = "Load generator CPU list (local board); default: the rest" };
        var memory = new Option<string?>("--memory") { Description = "Memory cap for each contender via cgroups, e.g. 256M; with --profile constrained also the budget" };
        var memoryProfile = new Option<string>("--profile")
        {
            Description = $"Memory settings of every contender's runtime: default (none) or constrained (each runtime's documented limit for the --memory budget, else {MemoryProfile.DefaultBudgetBytes >> 20}M)",
            DefaultValueFactory = _ => MemoryProfile.DefaultName,
        };
        var results = new Option<string>("--results") { Description = "Folder for results", DefaultValueFactory = _ => "results" };
        var artifacts = new Option<string>("--artifacts") { Description = "Built artifacts (scripts/build.sh)", DefaultValueFactory = _ => "artifacts" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the contender order", CustomParser = r => BoundedOption.Whole(r) };
        var identity = new Option<string?>("--identity", "-i") { Description = "ssh:// boards: private key (default ~/.ssh/id_ed25519, then id_rsa); passphrase from DEVICEBENCH_SSH_PASSPHRASE, a password from DEVICEBENCH_SSH_PASSWORD" };
        var knownHosts = new Option<string?>("--known-hosts") { Description = "ssh:// boards: known_hosts file the board's host key must be in (default ~/.ssh/known_hosts)" };
        var hostKey = new Option<string?>("--host-key") { Description = "ssh:// boards: pinned host key fingerprint SHA256:... (ssh-keygen -lf), instead of known_hosts" };
        var timeout = BoundedOption.Duration("--timeout", null, "A request without a complete response after this long is a timeout error (esp32: 10s)",
            TimeSpan.FromSeconds(2), LoadOptions.MaxTimeout);
        var sockets = new Option<int>("--sockets")
        {
            Description = "esp32 boards: the device's socket cap (16 on ESP32, 8 on ESP32-C3); the load stays 2 below it", DefaultValueFactory = _ => 16,
            CustomParser = BoundedOption.Whole,
        };
        var serial = new Option<string?>("--serial") { Description = "ssh:// boards: USB-UART adapter on this host wired to the board's /dev/serial0 (default: report lines over SSH)" };
        var command = new Command("bench", $"Compare the contenders on a board: memory, throughput, tail latency. {ExitCodesHelp}")
        {
            board, rounds, contenders, connections, threads, warmup, maxDuration, rateDuration, settle, cooldown, rates, slo, kneeStep, kneeSteps, ladder, ladderRate, ladderStep, cpus, loadCpus, memory, memoryProfile, results, artifacts, seed,
            identity, knownHosts, hostKey, serial, timeout, sockets,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            BenchSettings settings;
            BoardProfile profile;
            string boardSpec = parse.GetRequiredValue(board);
            bool microcontroller = Esp32Target.IsSpec(boardSpec);
            // A microcontroller's defaults are its profile's; what the user typed wins either way.
            var defaults = microcontroller ? BenchSettings.Microcontroller : new BenchSettings();
            T Given<T>(Option<T> option, T fallback) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;
            MemoryProfile memorySettings;
            try
            {
                settings = new BenchSettings
                {
                    Contenders = parse.GetValue(contenders) is { Length: > 0 } chosen ? chosen : defaults.Contenders,
                    Rounds = parse.GetValue(rounds),
                    Connections = Given(connections, defaults.Connections),
                    Threads = parse.GetValue(threads),
                    RequestTimeout = Given(timeout, defaults.RequestTimeout),
                    Warmup = parse.GetValue(warmup),
                    MaxDuration = parse.GetValue(maxDuration),
                    RateDuration = parse.GetValue(rateDuration),
                    Settle = parse.GetValue(settle),
                    Cooldown = parse.GetValue(cooldown),
                    Rates = parse.GetValue(rates) is { Length: > 0 } fixedRates ? fixedRates : defaults.Rates,
                    Seed = parse.GetValue(seed) ?? Environment.TickCount,
                    Slo = parse.GetValue(slo) is { } objective ? SloText.Parse(objective) : null,
                    KneeStep = parse.GetValue(kneeStep),
                    KneeSteps = parse.GetValue(kneeSteps),
                    // The flag alone asks for the ladder the seed post's claim needs.
                    ConnectionsLadder = parse.GetResult(ladder) is null ? [] : parse.GetValue(ladder) is { Length: > 0 } steps ? steps : DefaultLadder,
                    LadderRate = parse.GetValue(ladderRate),
                    LadderStep = parse.GetValue(ladderStep),
                };
                settings.Validate();
                CheckContendersFitBoard(settings, microcontroller, parse.GetValue(sockets));
                if (microcontroller && (parse.GetValue(memory) is not null || parse.GetValue(cpus) is not null || settings.Threads is not null))
                    throw new ArgumentException("--memory, --cpus and --threads apply to Linux boards: an esp32 board runs one firmware on its own heap and cores");
                // A LAVA job's shell gives each contender every core the device has ($(nproc), LavaJob.ContenderStep).
                if (LavaCommand.IsBoardSpec(boardSpec) && settings.Threads is not null)
                    throw new ArgumentException("--threads applies to boards the bench drives itself: a LAVA job gives each contender all the device's cores");
                profile = Profile(parse.GetValue(cpus), parse.GetValue(loadCpus), parse.GetValue(memory), SshTarget.IsSpec(boardSpec) || microcontroller);
                memorySettings = MemoryProfile.Create(parse.GetRequiredValue(memoryProfile), profile.MemoryCapBytes, settings.Contenders);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return await CommandRunner.FailAsync("bench", ErrorText.Of(e), ExitCodes.Usage).ConfigureAwait(false);
            }
            // Secrets come from the environment only: command lines end up in shell history and process lists.
            var ssh = new SshBoardOptions
            {
                IdentityFile = parse.GetValue(identity), KnownHostsFile = parse.GetValue(knownHosts), HostKeyFingerprint = parse.GetValue(hostKey),
                HostSerialDevice = parse.GetValue(serial), IdentityPassphrase = Environment.GetEnvironmentVariable("DEVICEBENCH_SSH_PASSPHRASE"),
                Password = Environment.GetEnvironmentVariable("DEVICEBENCH_SSH_PASSWORD"),
            };
            return await RunAsync(boardSpec, profile, ssh, (parse.GetValue(sockets), settings.Connections), settings, memorySettings, parse.GetRequiredValue(results),
                parse.GetRequiredValue(artifacts), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string boardSpec, BoardProfile profile, SshBoardOptions ssh, (int SocketCap, int Connections) microcontroller,
        BenchSettings settings, MemoryProfile memoryProfile, string resultsRoot, string artifacts, CancellationToken cancellationToken)
    {
        // A LAVA lab runs the procedure itself: the bench submits a job per device type, waits and fetches the runs.
        if (LavaCommand.IsBoardSpec(boardSpec)) return await LavaCommand.BenchAsync(boardSpec, settings, resultsRoot, artifacts, cancellationToken).ConfigureAwait(false);
        IBoard opened;
        try { opened = BoardFactory.Create(boardSpec, profile, ssh, microcontroller); }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return await CommandRunner.FailAsync("bench", ErrorText.Of(e), ExitCodes.Usage).ConfigureAwait(false);
        }
        await using var board = opened;
        try
        {
            // The board says which architecture's artifacts it runs; an unfinished build is refused before a run folder exists for it.
            if (board.FlashedContender is null) ContenderCatalog.CheckArtifacts(artifacts, board.Architecture, settings.Contenders);
            if (board.Name == "local")
            {
                CheckLocalCpus(profile);
                PinSelf(profile.LoadCpus);
            }
        }
        catch (FileNotFoundException e)
        {
            return await CommandRunner.FailAsync("bench", $"{e.Message}, or point --artifacts at the folder it built", ExitCodes.Usage).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            return await CommandRunner.FailAsync("bench", ErrorText.Of(e), ExitCodes.Usage).ConfigureAwait(false);
        }
        RunFolder created;
        try { created = RunFolder.Create(resultsRoot, board.Name, DateTimeOffset.UtcNow); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await CommandRunner.FailAsync("bench", $"cannot create a results folder in {Path.GetFullPath(resultsRoot)}: {e.Message}", RunFolder.IsDiskFull(e) ? ExitCodes.ResultsFolderFull : ExitCodes.Usage)
                .ConfigureAwait(false);
        }
        using var folder = created;
        AnsiConsole.MarkupLine($"[bold]devicebench bench[/] on [bold]{Markup.Escape(board.Name)}[/] → {Markup.Escape(folder.Directory)}");
        foreach (string note in board.Notes) AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(note)}[/]");
        RunRecord run;
        using (var status = new BenchStatusLine(AnsiConsole.Console, Console.IsOutputRedirected ? null : Console.Out))
        {
            var runner = new BenchRunner(board, settings, folder, status, memoryProfile);
            run = await runner.RunAsync(artifacts, cancellationToken).ConfigureAwait(false);
        }
        RunTable.Render(AnsiConsole.Console, run);
        AnsiConsole.MarkupLine($"results: {Markup.Escape(folder.Directory)}");
        if (folder.Problem is { } full) return await CommandRunner.FailAsync("bench", $"{full}; run.json holds what was measured until then", ExitCodes.ResultsFolderFull).ConfigureAwait(false);
        // The run is already saved; a report that cannot be drawn is reported and redrawn later with `report`, never fatal.
        string? reportProblem = null;
        try
        {
            AnsiConsole.MarkupLine($"report: {Markup.Escape(ReportWriter.WriteAll(folder.Directory).HtmlPath)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reportProblem = $"report not written ({ErrorText.Of(e)}); retry with: devicebench report {folder.Directory}";
        }
        // Why the run did not complete comes first: it is the line a script or a person reads.
        int exitCode = run.Status == RunStatus.Complete ? ExitCodes.Success : await CommandRunner.FailAsync("bench", $"run {run.Status.Text()}: {run.Reason}", cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Failed)
            .ConfigureAwait(false);
        return reportProblem is null ? exitCode : await CommandRunner.FailAsync("bench", reportProblem, exitCode).ConfigureAwait(false);
    }

    /// <summary>
    /// An ESP32 runs only its flashed firmware, which no other board runs; and its load stays within the socket cap, so
    /// the bench never makes the refusals it would then have to tell apart from the device's own failures.
    /// </summary>
    /// <exception cref="ArgumentException">A contender on the wrong board, or more connections than the sockets allow.</exception>
    private static void CheckContendersFitBoard(BenchSettings settings, bool microcontroller, int socketCap)
    {
        if (microcontroller)
        {
            if (settings.Contenders.FirstOrDefault(c => c != ContenderCatalog.Nanoframework) is { } other)
                throw new ArgumentException($"an esp32 board runs only {ContenderCatalog.Nanoframework} (flashed on it), not {other}");
            int within = BenchSettings.ConnectionsWithin(socketCap);
            if (within < 1) throw new ArgumentException($"--sockets: {socketCap} leaves no socket for a connection (at least 3)");
            if (settings.Connections > within)
                throw new ArgumentException($"--connections {settings.Connections} is more than a board with {socketCap} sockets can hold (at most {within}: one is the listener, one kept spare)");
        }
        else if (settings.Contenders.Contains(ContenderCatalog.Nanoframework))
        {
            throw new ArgumentException($"{ContenderCatalog.Nanoframework} runs only on an esp32:SERIAL@ADDRESS board");
        }
    }

    /// <summary>On the local board the load generator keeps off the contender's CPUs, as a separate host would.</summary>
    private static void PinSelf(IReadOnlyList<int> cpus)
    {
        long mask = cpus.Aggregate(0L, (m, c) => m | (1L << c));
        if (OperatingSystem.IsLinux() && mask != 0) System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = (nint)mask;
    }

    /// <summary>On the local board both CPU lists name CPUs of this machine: a wrong one would fail every session, not the command.</summary>
    /// <exception cref="ArgumentException">A CPU this process may not run on.</exception>
    private static void CheckLocalCpus(BoardProfile profile)
    {
        long allowed = System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity;
        foreach (var (option, cpus) in new[] { ("--cpus", profile.ContenderCpus), ("--load-cpus", profile.LoadCpus) })
        {
            int missing = cpus.FirstOrDefault(c => (allowed & (1L << c)) == 0, -1);
            if (missing >= 0)
            {
                string usable = BoardProfile.FormatCpuList(Enumerable.Range(0, 64).Where(c => (allowed & (1L << c)) != 0));
                throw new ArgumentException($"{option}: CPU {missing} is not one of this machine's ({usable})");
            }
        }
    }

    /// <summary>A remote board's contenders get all its CPUs unless told (an empty list), and the load all of this host's.</summary>
    private static BoardProfile Profile(string? cpus, string? loadCpus, string? memory, bool remote)
    {
        var split = remote ? new BoardProfile([], [.. Enumerable.Range(0, Environment.ProcessorCount)], null) : BoardProfile.SplitLocal();
        long? cap = memory is null ? null : ParseBytes(memory);
        return new BoardProfile(cpus is null ? split.ContenderCpus : CpuList("--cpus", cpus), loadCpus is null ? split.LoadCpus : CpuList("--load-cpus", loadCpus), cap);
    }

    private static IReadOnlyList<int> CpuList(string option, string text)
    {
        IReadOnlyList<int> list;
        try { list = BoardProfile.ParseCpuList(text); }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException) { list = []; }
        if (list.Count == 0) throw new FormatException($"{option}: '{text}' is not a CPU list (e.g. 0, 0-1 or 0,2)");
        // An affinity mask has 64 bits (PinSelf), and no board this tool is for has more CPUs.
        return list[^1] < 64 ? list : throw new FormatException($"{option}: CPU {list[^1]} is out of range (0-63)");
    }

    private static long ParseBytes(string text)
    {
        long scale = text.Length == 0 ? 1 : char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0 && v <= long.MaxValue / scale
            ? v * scale : throw new FormatException($"--memory: '{text}' is not a size (e.g. 256M)");
    }
}
