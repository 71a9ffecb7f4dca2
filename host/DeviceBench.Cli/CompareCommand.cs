using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using DeviceBench.Cli.Compare;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench compare A B [C…]</c>: each run against reference A, per contender × metric, with a verdict by
/// <see cref="NoiseRule"/>; with <c>--fail-on-regression PCT</c> a CI gate that exits 1 and names what regressed.
/// </summary>
public static class CompareCommand
{
    private const string Name = "compare";

    /// <summary>Runs are named A, B, C… in every message; 26 letters are more than any comparison a person reads.</summary>
    private const int MaxRuns = 26;

    public static Command Create()
    {
        var first = new Argument<DirectoryInfo>("a") { Description = "Run folder A (the reference)", CustomParser = r => BoundedOption.PathOf(r, t => new DirectoryInfo(t)) };
        var others = new Argument<string[]>("b") { Description = "Run folder B, and more (C…) to compare with A; ratios are B/A", Arity = new ArgumentArity(1, MaxRuns - 1) };
        var failOn = new Option<double?>("--fail-on-regression")
        {
            Description = "Exit 1 when a figure is worse than in A by the rule and by more than PCT (e.g. 5%): req/s, baseline RSS, peak RSS, p99 at each common rate",
            HelpName = "PCT", CustomParser = ParsePercent,
        };
        var markdown = new Option<string?>("--markdown") { Description = "Write the comparison as Markdown (a PR comment) to FILE; - for stdout", HelpName = "FILE" };
        var json = new Option<string?>("--json") { Description = "Write the comparison as JSON to FILE; - for stdout", HelpName = "FILE" };
        var command = new Command(Name, "Compare saved runs with run A: per contender baseline RSS, peak RSS, max req/s and p99 at common rates, "
            + "B/A and a verdict (better, worse, noise). Exit codes: 0 compared, no regression beyond --fail-on-regression; 1 a regression beyond it, "
            + "or an output file could not be written; 2 a run folder this devicebench cannot read (which one and why on stderr), or a bad option.")
        {
            first, others, failOn, markdown, json,
        };
        command.SetAction(async (parse, _) =>
        {
            // As typed, in every message and heading: a CI log reads best with the paths its job wrote.
            string[] folders = [parse.GetRequiredValue(first).ToString(), .. parse.GetRequiredValue(others)];
            return await RunAsync(folders, parse.GetValue(failOn), parse.GetValue(markdown), parse.GetValue(json)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] folders, double? threshold, string? markdown, string? json)
    {
        if (markdown == "-" && json == "-") return await CommandRunner.FailAsync(Name, "--markdown - and --json - would both write to stdout: give one of them a FILE", ExitCodes.Usage).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        for (int i = 0; i < folders.Length; i++)
        {
            try { runs.Add(RunFolder.Load(folders[i])); }
            catch (InvalidDataException e)
            {
                return await CommandRunner.FailAsync(Name, $"run {Letter(i)}: {e.Message}", ExitCodes.Usage).ConfigureAwait(false);
            }
        }
        var reports = runs.Skip(1).Select(b => CompareReport.Of(runs[0], b)).ToList();
        if (markdown != "-" && json != "-") CompareView.Render(AnsiConsole.Console, folders, reports, threshold);
        foreach (var (option, file, text) in new[] { ("--markdown", markdown, (Func<string>)(() => CompareMarkdown.Of(reports, threshold))), ("--json", json, () => CompareJson.Of(reports, threshold)) })
        {
            if (file is null) continue;
            if (file == "-")
            {
                await Console.Out.WriteAsync(text()).ConfigureAwait(false);
                continue;
            }
            try { await File.WriteAllTextAsync(file, text()).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await CommandRunner.FailAsync(Name, $"cannot write {Path.GetFullPath(file)} ({option}): {e.Message}", ExitCodes.Failed).ConfigureAwait(false);
            }
        }
        if (threshold is not { } t) return ExitCodes.Success;
        var regressions = reports.SelectMany((r, i) => r.Regressions(t).Select(x => (Run: Letter(i + 1), x.Contender, x.Figure))).ToList();
        if (regressions.Count == 0) return ExitCodes.Success;
        foreach (var (run, contender, figure) in regressions)
            await Console.Error.WriteLineAsync($"devicebench {Name}: {(reports.Count > 1 ? run + ": " : "")}{CompareReport.RegressionLine(contender, figure)}").ConfigureAwait(false);
        string which = string.Join(", ", regressions.Select(r => r.Run).Distinct());
        return await CommandRunner.FailAsync(Name, string.Create(CultureInfo.InvariantCulture,
            $"{regressions.Count} regression(s) beyond {FigureText.Thousands(t)} % in {which} against A"), ExitCodes.Failed).ConfigureAwait(false);
    }

    /// <summary>The name of the run at <paramref name="index"/> in every message: A, B, C…</summary>
    public static string Letter(int index) => ((char)('A' + index)).ToString();

    /// <summary>"5%", "5 %" or "5": a percentage above 0, up to 1000.</summary>
    private static double? ParsePercent(ArgumentResult result)
    {
        string text = BoundedOption.Text(result);
        string digits = text.TrimEnd().TrimEnd('%').TrimEnd();
        if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent > 0 && percent <= 1000) return percent;
        result.AddError($"{BoundedOption.Typed(result)} must be a percentage above 0, up to 1000, such as 5% (got '{text}')");
        return null;
    }
}
