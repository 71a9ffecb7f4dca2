using System.CommandLine;
using DeviceBench.Host.Hostile;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench hostile --target HOST:PORT</c>: every case of the hostile-request corpus against a running server,
/// a table of what it answered, and exit code 1 when a case killed it or got a second request smuggled through.
/// </summary>
public static partial class HostileCommand
{
    /// <summary>The corpus shipped beside the binary (copied from tests/corpus/ at build).</summary>
    public static string DefaultCorpus => Path.Combine(AppContext.BaseDirectory, "hostile-requests.txt");

    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Server to test, HOST:PORT", Required = true };
        var corpus = new Option<FileInfo?>("--corpus") { Description = "Corpus file (default: the hostile-requests.txt shipped with devicebench)" };
        var json = new Option<FileInfo?>("--json") { Description = "Write every case's outcome as JSON" };
        var only = new Option<string?>("--case") { Description = "Run only cases whose name contains this" };
        var command = new Command("hostile", "Send malformed and hostile requests; check each is refused, closed, and never smuggled")
        {
            target, corpus, json, only,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string targetText = parse.GetRequiredValue(target);
            int colon = targetText.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(targetText.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
            {
                await Console.Error.WriteLineAsync($"devicebench hostile: '{targetText}' is not HOST:PORT").ConfigureAwait(false);
                return 2;
            }
            string corpusPath = parse.GetValue(corpus)?.FullName ?? DefaultCorpus;
            IReadOnlyList<CorpusCase> cases;
            try { cases = CorpusFile.Load(corpusPath); }
            catch (Exception e) when (e is FormatException or IOException)
            {
                await Console.Error.WriteLineAsync($"devicebench hostile: {e.Message}").ConfigureAwait(false);
                return 2;
            }
            if (parse.GetValue(only) is { } filter) cases = [.. cases.Where(c => c.Name.Contains(filter, StringComparison.Ordinal))];
            var runner = new CorpusRunner(targetText[..colon].Trim('[', ']'), port);
            var outcomes = await runner.RunAllAsync(cases, cancellationToken: cancellationToken).ConfigureAwait(false);
            var report = new CorpusReport(targetText, corpusPath, outcomes);
            AnsiConsole.Write(CreateTable(report));
            AnsiConsole.MarkupLine((report.Safe ? "[green]" : "[red]") + Markup.Escape(report.SummaryLine) + "[/]");
            if (parse.GetValue(json) is { } file) await File.WriteAllTextAsync(file.FullName, CorpusJsonContext.Serialize(report), cancellationToken).ConfigureAwait(false);
            return report.Safe ? 0 : 1;
        });
        return command;
    }
}
