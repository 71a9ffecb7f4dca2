using DeviceBench.Host.Bench;
using static DeviceBench.IntegrationTests.Cli.DevicebenchRun;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary><c>devicebench report</c> and <c>compare</c> given run folders they cannot read: exit 2, one line naming the folder, nothing written.</summary>
public sealed class ReportCliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("devicebench-report-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string RunFolderWith(string name, string runJson)
    {
        string directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "run.json"), runJson);
        return directory;
    }

    private static string SavedRun(int schemaVersion = RunRecord.CurrentSchemaVersion) => RunJsonContext.Serialize(new RunRecord
    {
        SchemaVersion = schemaVersion, Board = "local", Architecture = "x64", StartedUtc = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        Status = RunStatus.Complete, Settings = new BenchSettings { Contenders = ["go-nethttp"] },
    });

    [Theory]
    [InlineData("99", "has schemaVersion 99; this devicebench reads 1–2 (a newer devicebench wrote it)")]
    [InlineData("0", "has schemaVersion 0; this devicebench reads 1–2")]
    [InlineData("{}", "has no schemaVersion: not a run record that devicebench bench wrote")]
    [InlineData("{\"schemaVersion\": 1}", "is not a complete run record: it has no board, architecture, startedUtc, settings")]
    [InlineData("{\"schemaVersion\": 1,", "is not valid JSON (line 1, byte 20)")]
    public void Report_refuses_a_run_json_it_cannot_read_with_one_line_and_writes_nothing(string content, string why)
    {
        string runJson = int.TryParse(content, out int version) ? SavedRun(version) : content;
        string folder = RunFolderWith("run", runJson);

        AssertOneLineError(2, $"devicebench report: run.json in {folder} {why}", Run(_root, "report", folder));

        Assert.Equal(["run.json"], Listing(folder));
        Assert.Equal(runJson, File.ReadAllText(Path.Combine(folder, "run.json")));
    }

    [Fact]
    public void Report_of_a_folder_that_does_not_exist_says_so()
    {
        string missing = Path.Combine(_root, "no-such-run");

        AssertOneLineError(2, $"devicebench report: {missing} does not exist", Run(_root, "report", missing));

        Assert.Empty(Listing(_root));
    }

    [Fact]
    public void Compare_names_which_run_it_cannot_read()
    {
        string good = RunFolderWith("good", SavedRun());
        string newer = RunFolderWith("newer", SavedRun(99));
        string markdown = Path.Combine(_root, "compare.md");

        AssertOneLineError(2, $"devicebench compare: run B: run.json in {newer} has schemaVersion 99; this devicebench reads 1–2 (a newer devicebench wrote it)",
            Run(_root, "compare", good, newer, "--markdown", markdown));
        AssertOneLineError(2, $"devicebench compare: run A: run.json in {newer} has schemaVersion 99; this devicebench reads 1–2 (a newer devicebench wrote it)",
            Run(_root, "compare", newer, good, "--markdown", markdown));

        Assert.False(File.Exists(markdown));
        Assert.Equal(["good", "good/run.json", "newer", "newer/run.json"], Listing(_root));
    }

    [Fact]
    public void Compare_that_cannot_write_its_markdown_exits_1_after_showing_the_comparison()
    {
        string a = RunFolderWith("a", SavedRun());
        string markdown = Path.Combine(_root, "no-such-folder", "compare.md");

        var result = Run(_root, "compare", a, a, "--markdown", markdown);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"devicebench compare: cannot write {markdown} (--markdown): ", result.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Claims_prints_one_block_per_claim_that_reads_at_80_columns_and_refuses_a_folder_it_cannot_read()
    {
        string folder = RunFolderWith("run", SavedRun());

        using var claims = Start(_root, "claims", folder);
        Assert.Equal(0, claims.WaitForExit(TimeSpan.FromSeconds(90)));

        Assert.Empty(claims.Errors);
        Assert.Contains(claims.Output, l => l.StartsWith("Baseline memory", StringComparison.Ordinal));
        Assert.Contains(claims.Output, l => l == "  post  Rust 15 MB · Go 45 MB · ratio 0.33x");
        // Every line but the prose notes fits 80 columns: no table wider than a terminal.
        Assert.All(claims.Output.Where(l => !l.StartsWith("  note", StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, l));

        string bad = RunFolderWith("bad", "{}");
        AssertOneLineError(2, $"devicebench claims: run.json in {bad} has no schemaVersion: not a run record that devicebench bench wrote", Run(_root, "claims", bad));
    }
}
