using System.CommandLine;
using System.Globalization;
using DeviceBench.Cli.Hostile;
using DeviceBench.Host.Hostile.Corpus;
using DeviceBench.Host.Load;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench hostile --target HOST:PORT</c>: every case of the hostile-request corpus against a running server,
/// a table of what it answered, and exit code 1 when a case killed it or got a second request smuggled through.
/// </summary>
public static class HostileCommand
{
    /// <summary>The corpus shipped beside the binary (copied from the host library's Hostile/Corpus/ at build).</summary>
    public static string DefaultCorpus => Path.Combine(AppContext.BaseDirectory, "hostile-requests.txt");

    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Server to test, HOST:PORT", Required = true };
        var corpus = OptionFiles.Create("--corpus", "Corpus file (default: the hostile-requests.txt shipped with devicebench)");
        var json = OptionFiles.Create("--json", "Write every case's outcome as JSON");
        var only = new Option<string?>("--case") { Description = "Run only cases whose name contains this" };
        var command = new Command("hostile", "Send malformed and hostile requests; check each is refused, closed, and never smuggled")
        {
            target, corpus, json, only,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string targetText = parse.GetRequiredValue(target);
            int colon = targetText.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(targetText.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                return await CommandRunner.FailAsync("hostile", $"--target must be HOST:PORT such as 127.0.0.1:8080 (got '{targetText}')", ExitCodes.Usage).ConfigureAwait(false);
            }
            string host = targetText[..colon].Trim('[', ']');
            var corpusFile = parse.GetValue(corpus);
            string corpusPath = corpusFile?.FullName ?? DefaultCorpus;
            IReadOnlyList<CorpusCase> cases;
            try { cases = CorpusFile.Load(corpusPath); }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                string problem = e is FormatException ? e.Message : $"{(corpusFile is null ? "corpus" : $"--corpus {corpusFile}")}: {OptionFiles.Describe(e, corpusPath)}";
                return await CommandRunner.FailAsync("hostile", problem, ExitCodes.Usage).ConfigureAwait(false);
            }
            var jsonFile = parse.GetValue(json);
            if (OptionFiles.CheckWritable("--json", jsonFile) is { } unwritable) return await CommandRunner.FailAsync("hostile", unwritable, ExitCodes.Usage).ConfigureAwait(false);
            if (parse.GetValue(only) is { } filter)
            {
                var chosen = cases.Where(c => c.Name.Contains(filter, StringComparison.Ordinal)).ToList();
                if (chosen.Count == 0) return await CommandRunner.FailAsync("hostile", $"--case '{filter}' matches none of the {cases.Count} cases", ExitCodes.Usage).ConfigureAwait(false);
                cases = chosen;
            }
            // Every case on a closed port would count as a crash: say once that nothing listens instead.
            if (await ConnectProbe.FindProblemAsync(host, port, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false) is { } unreachable)
            {
                return await CommandRunner.FailAsync("hostile", unreachable, ExitCodes.Failed).ConfigureAwait(false);
            }
            var runner = new CorpusRunner(host, port);
            var outcomes = await runner.RunAllAsync(cases, cancellationToken: cancellationToken).ConfigureAwait(false);
            var report = new CorpusReport(targetText, corpusPath, outcomes);
            AnsiConsole.Write(CorpusTable.Create(report));
            AnsiConsole.MarkupLine((report.Safe ? "[green]" : "[red]") + Markup.Escape(report.SummaryLine) + "[/]");
            if (jsonFile is not null) await File.WriteAllTextAsync(jsonFile.FullName, CorpusJsonContext.Serialize(report), cancellationToken).ConfigureAwait(false);
            return report.Safe ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
