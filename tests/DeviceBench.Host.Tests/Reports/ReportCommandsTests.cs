using System.CommandLine;
using DeviceBench.Cli;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Reports;

public sealed class ReportCommandsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-report-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Report_rerenders_a_saved_run()
    {
        var run = Run(["alpha"], 1, 1000);
        run.Sessions.Add(Session("alpha", 1, 10 * MiB, 5000, run.Rates, 2000));
        string directory = SaveIn(_folder, run);

        Assert.Equal(0, await Invoke("report", directory));

        Assert.True(File.Exists(Path.Combine(directory, "report.md")));
        Assert.True(File.Exists(Path.Combine(directory, "report.html")));
        Assert.True(File.Exists(Path.Combine(directory, "plots", "rss-alpha.png")));
    }

    [Fact]
    public async Task Report_and_compare_refuse_a_folder_without_run_json()
    {
        Assert.Equal(2, await Invoke("report", _folder.FullName));
        Assert.Equal(2, await Invoke("compare", _folder.FullName, _folder.FullName));
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "report.html")));
    }

    [Fact]
    public async Task Compare_writes_the_markdown_table_on_request()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha"], 1, 1000);
        b.Sessions.Add(Session("alpha", 1, 20 * MiB, 500, b.Rates, 3000));
        string markdown = Path.Combine(_folder.FullName, "compare.md");

        Assert.Equal(0, await Invoke("compare", SaveIn(_folder, a, "a"), SaveIn(_folder, b, "b"), "--markdown", markdown));

        string text = File.ReadAllText(markdown);
        Assert.Contains("| alpha | baseline RSS | 10.0 MiB | 20.0 MiB | 2.00x | worse |", text);
        Assert.Contains("| alpha | req/s | 1,000 | 500 | 0.50x | worse |", text);
        Assert.Contains("| alpha | p99 @ 1,000/s | 2.0 ms | 3.0 ms | 1.50x | worse |", text);
    }

    [Fact]
    public async Task Compare_fails_on_a_regression_beyond_the_threshold_and_passes_a_run_against_itself()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha"], 1, 1000);
        b.Sessions.Add(Session("alpha", 1, 10 * MiB, 800, b.Rates, 2000));
        string folderA = SaveIn(_folder, a, "a"), folderB = SaveIn(_folder, b, "b");

        Assert.Equal(1, await Invoke("compare", folderA, folderB, "--fail-on-regression", "5%"));
        Assert.Equal(0, await Invoke("compare", folderA, folderB, "--fail-on-regression", "25"));
        Assert.Equal(0, await Invoke("compare", folderA, folderA, "--fail-on-regression", "5%"));
        Assert.Equal(0, await Invoke("compare", folderA, folderB));
        // Several runs against A: one regressed is enough to fail.
        Assert.Equal(1, await Invoke("compare", folderA, folderA, folderB, "--fail-on-regression", "5%"));
        string json = Path.Combine(_folder.FullName, "gate.json");
        Assert.Equal(1, await Invoke("compare", folderA, folderB, "--fail-on-regression", "5%", "--json", json));
        Assert.Contains("\"regressions\": 1", File.ReadAllText(json), StringComparison.Ordinal);
    }

    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { ReportCommand.Create(), CompareCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
