using System.CommandLine;
using System.Globalization;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench bench</c>: the whole comparison on a board, saved to <c>results/&lt;time&gt;-&lt;board&gt;/</c>.</summary>
public static class BenchCommand
{
    /// <summary>EX_IOERR of sysexits.h: the disk holding the results filled up (0 complete, 1 partial or failed, 2 usage, 130 Ctrl-C).</summary>
    public const int ResultsFolderFull = 74;

    public static Command Create()
    {
        var board = new Option<string>("--board") { Description = "local | ssh://user@host[:port] | qemu[:profile]", DefaultValueFactory = _ => "local" };
        var rounds = new Option<int>("--rounds", "-r") { Description = "Rounds per contender (order shuffled each round)", DefaultValueFactory = _ => 3 };
        var contenders = new Option<string[]>("--contender") { Description = $"Contenders to run (default: all of {string.Join(", ", ContenderCatalog.Names)})" };
        var connections = new Option<int>("--connections", "-c") { Description = "Connections of every load phase", DefaultValueFactory = _ => 64 };
        var warmup = new Option<string>("--warmup") { Description = "Warm-up before each phase, discarded", DefaultValueFactory = _ => "5s" };
        var maxDuration = new Option<string>("--max-duration") { Description = "Closed-loop maximum-throughput phase", DefaultValueFactory = _ => "15s" };
        var rateDuration = new Option<string>("--rate-duration") { Description = "Each open-loop phase", DefaultValueFactory = _ => "15s" };
        var settle = new Option<string>("--settle") { Description = "Idle after READY before the settled baseline", DefaultValueFactory = _ => "2s" };
        var cooldown = new Option<string>("--cooldown") { Description = "Pause after each contender", DefaultValueFactory = _ => "3s" };
        var rates = new Option<double[]>("--rates") { Description = "Fixed open-loop rates (req/s); default: 25/50/75 % of the slowest maximum", AllowMultipleArgumentsPerToken = true };
        var cpus = new Option<string?>("--cpus") { Description = "Contender CPU list, e.g. 0 or 0-1; default: first half (local), all of the board's (ssh)" };
        var loadCpus = new Option<string?>("--load-cpus") { Description = "Load generator CPU list (local board); default: the rest" };
        var memory = new Option<string?>("--memory") { Description = "Memory cap for each contender via cgroups, e.g. 256M" };
        var results = new Option<string>("--results") { Description = "Folder for results", DefaultValueFactory = _ => "results" };
        var artifacts = new Option<string>("--artifacts") { Description = "Built artifacts (scripts/build.sh)", DefaultValueFactory = _ => "artifacts" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the contender order" };
        var identity = new Option<string?>("--identity", "-i") { Description = "ssh:// boards: private key (default ~/.ssh/id_ed25519, then id_rsa); passphrase from DEVICEBENCH_SSH_PASSPHRASE, a password from DEVICEBENCH_SSH_PASSWORD" };
        var knownHosts = new Option<string?>("--known-hosts") { Description = "ssh:// boards: known_hosts file the board's host key must be in (default ~/.ssh/known_hosts)" };
        var hostKey = new Option<string?>("--host-key") { Description = "ssh:// boards: pinned host key fingerprint SHA256:... (ssh-keygen -lf), instead of known_hosts" };
        var serial = new Option<string?>("--serial") { Description = "ssh:// boards: USB-UART adapter on this host wired to the board's /dev/serial0 (default: report lines over SSH)" };
        var command = new Command("bench", "Compare the contenders on a board: memory, throughput, tail latency")
        {
            board, rounds, contenders, connections, warmup, maxDuration, rateDuration, settle, cooldown, rates, cpus, loadCpus, memory, results, artifacts, seed,
            identity, knownHosts, hostKey, serial,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            BenchSettings settings;
            BoardProfile profile;
            try
            {
                settings = new BenchSettings
                {
                    Contenders = parse.GetValue(contenders) is { Length: > 0 } chosen ? chosen : ContenderCatalog.Names,
                    Rounds = parse.GetValue(rounds),
                    Connections = parse.GetValue(connections),
                    Warmup = Duration(parse.GetValue(warmup)),
                    MaxDuration = Duration(parse.GetValue(maxDuration)),
                    RateDuration = Duration(parse.GetValue(rateDuration)),
                    Settle = Duration(parse.GetValue(settle)),
                    Cooldown = Duration(parse.GetValue(cooldown)),
                    Rates = parse.GetValue(rates) ?? [],
                    Seed = parse.GetValue(seed) ?? Environment.TickCount,
                };
                foreach (string name in settings.Contenders) _ = ContenderCatalog.Launch(name, 1, 1, TimeSpan.FromSeconds(1));
                profile = Profile(parse.GetValue(cpus), parse.GetValue(loadCpus), parse.GetValue(memory), SshTarget.IsSpec(parse.GetRequiredValue(board)));
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync($"devicebench bench: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            // Secrets come from the environment only: command lines end up in shell history and process lists.
            var ssh = new SshBoardOptions
            {
                IdentityFile = parse.GetValue(identity), KnownHostsFile = parse.GetValue(knownHosts), HostKeyFingerprint = parse.GetValue(hostKey),
                HostSerialDevice = parse.GetValue(serial), IdentityPassphrase = Environment.GetEnvironmentVariable("DEVICEBENCH_SSH_PASSPHRASE"),
                Password = Environment.GetEnvironmentVariable("DEVICEBENCH_SSH_PASSWORD"),
            };
            return await RunAsync(parse.GetRequiredValue(board), profile, ssh, settings, parse.GetRequiredValue(results), parse.GetRequiredValue(artifacts), cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string boardSpec, BoardProfile profile, SshBoardOptions ssh, BenchSettings settings, string resultsRoot, string artifacts,
        CancellationToken cancellationToken)
    {
        IBoard opened;
        try { opened = BoardFactory.Create(boardSpec, profile, ssh); }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"devicebench bench: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        await using var board = opened;
        if (board.Name == "local") PinSelf(profile.LoadCpus);
        RunFolder created;
        try { created = RunFolder.Create(resultsRoot, board.Name, DateTimeOffset.UtcNow); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"devicebench bench: cannot create a results folder in {resultsRoot}: {e.Message}").ConfigureAwait(false);
            return RunFolder.IsDiskFull(e) ? ResultsFolderFull : 2;
        }
        using var folder = created;
        AnsiConsole.MarkupLine($"[bold]devicebench bench[/] on [bold]{Markup.Escape(board.Name)}[/] → {Markup.Escape(folder.Directory)}");
        foreach (string note in board.Notes) AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(note)}[/]");
        var runner = new BenchRunner(board, settings, folder, new ConsoleProgress());
        var run = await runner.RunAsync(artifacts, cancellationToken).ConfigureAwait(false);
        SummaryTable.Render(AnsiConsole.Console, run);
        AnsiConsole.MarkupLine($"results: {Markup.Escape(folder.Directory)}");
        if (folder.Problem is { } full) return await FailAsync($"{full}; run.json holds what was measured until then", ResultsFolderFull).ConfigureAwait(false);
        // The run is already saved; a report that cannot be drawn is reported and redrawn later with `report`, never fatal.
        string? reportProblem = null;
        try
        {
            AnsiConsole.MarkupLine($"report: {Markup.Escape(ReportWriter.WriteAll(folder.Directory).HtmlPath)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reportProblem = $"report not written ({e.Message}); retry with: devicebench report {folder.Directory}";
        }
        // Why the run did not complete comes first: it is the line a script or a person reads.
        int exitCode = run.Status == "complete" ? 0 : await FailAsync($"run {run.Status}: {run.Reason}", cancellationToken.IsCancellationRequested ? 130 : 1)
            .ConfigureAwait(false);
        return reportProblem is null ? exitCode : await FailAsync(reportProblem, exitCode).ConfigureAwait(false);
    }

    /// <summary>One line on stderr, the way every error of this command ends.</summary>
    private static async Task<int> FailAsync(string message, int exitCode)
    {
        await Console.Error.WriteLineAsync($"devicebench bench: {message}").ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>On the local board the load generator keeps off the contender's CPUs, as a separate host would.</summary>
    private static void PinSelf(IReadOnlyList<int> cpus)
    {
        long mask = cpus.Aggregate(0L, (m, c) => m | (1L << c));
        if (OperatingSystem.IsLinux() && mask != 0) System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity = (nint)mask;
    }

    /// <summary>A remote board's contenders get all its CPUs unless told (an empty list), and the load all of this host's.</summary>
    private static BoardProfile Profile(string? cpus, string? loadCpus, string? memory, bool remote)
    {
        var split = remote ? new BoardProfile([], [.. Enumerable.Range(0, Environment.ProcessorCount)], null) : BoardProfile.SplitLocal();
        long? cap = memory is null ? null : ParseBytes(memory);
        return new BoardProfile(cpus is null ? split.ContenderCpus : BoardProfile.ParseCpuList(cpus),
            loadCpus is null ? split.LoadCpus : BoardProfile.ParseCpuList(loadCpus), cap);
    }

    private static long ParseBytes(string text)
    {
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0
            ? v * scale : throw new FormatException($"'{text}' is not a size (e.g. 256M)");
    }

    private static TimeSpan Duration(string? text) =>
        DurationText.TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (e.g. 15s)");

    private sealed class ConsoleProgress : IBenchProgress
    {
        public void Report(string message) => AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {Markup.Escape(message)}");
    }
}
