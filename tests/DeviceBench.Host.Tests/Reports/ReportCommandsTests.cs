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

        Assert.Contains("| alpha | 10.0 MB | 20.0 MB | 2.00x | 1000 | 500 | 0.50x | 2.0 ms | 3.0 ms | 1.50x |", File.ReadAllText(markdown));
    }

    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { ReportCommand.Create(), CompareCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
