using System.Text.Json;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Reports;
using static DeviceBench.Host.Tests.Reports.RunBuilder;

namespace DeviceBench.Host.Tests.Bench;

public sealed class MemoryProfileTests
{
    [Fact]
    public void Default_sets_nothing_for_any_contender()
    {
        var profile = MemoryProfile.Create("default", 256 * MiB, ContenderCatalog.Names);

        Assert.Null(profile.BudgetBytes);
        Assert.All(ContenderCatalog.Names, c => Assert.Empty(profile.Environment(c)));
        Assert.Equal(["{dir}/fw/devicebench-fw", "serve"], ContenderCatalog.Launch("csharp-kestrel", 1, 1, TimeSpan.FromSeconds(1), profile.Environment("csharp-kestrel")).Command.Take(2));
    }

    [Fact]
    public void Constrained_gives_each_runtime_its_own_limit_at_three_quarters_of_one_budget()
    {
        var profile = MemoryProfile.Create("constrained", null, ContenderCatalog.Names);

        // No --memory: 32 MiB; 3/4 of it is 24 MiB = 0x1800000, written as bare hex because Native AOT ignores "0x…".
        Assert.Equal(32 * MiB, profile.BudgetBytes);
        Assert.Equal(["DOTNET_GCConserveMemory=5", "DOTNET_GCHeapHardLimit=1800000"], profile.Environment("csharp-minimal"));
        Assert.Equal(["DOTNET_GCConserveMemory=5", "DOTNET_GCHeapHardLimit=1800000"], profile.Environment("csharp-kestrel"));
        Assert.Equal(["GOGC=100", "GOMEMLIMIT=25165824B"], profile.Environment("go-nethttp"));
        Assert.Empty(profile.Environment("rust-hyper"));
    }

    [Fact]
    public void The_budget_of_memory_becomes_the_budget_of_the_profile()
    {
        var profile = MemoryProfile.Create("constrained", 256 * MiB, ["csharp-kestrel", "go-nethttp"]);

        Assert.Equal(["DOTNET_GCConserveMemory=5", "DOTNET_GCHeapHardLimit=c000000"], profile.Environment("csharp-kestrel"));
        Assert.Equal(["GOGC=100", "GOMEMLIMIT=201326592B"], profile.Environment("go-nethttp"));
        Assert.Equal(["csharp-kestrel", "go-nethttp"], profile.Settings.Keys);
    }

    [Fact]
    public void An_unknown_profile_is_refused_with_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => MemoryProfile.Create("tiny", null, ContenderCatalog.Names));

        Assert.StartsWith("--profile: unknown profile 'tiny' (known: default, constrained)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_launch_runs_through_env_so_the_settings_reach_the_process_on_any_board()
    {
        var profile = MemoryProfile.Create("constrained", null, ["go-nethttp"]);

        var launch = ContenderCatalog.Launch("go-nethttp", 18000, 1, TimeSpan.FromSeconds(1), profile.Environment("go-nethttp"));

        Assert.Equal(["env", "GOGC=100", "GOMEMLIMIT=25165824B", "{dir}/fw/devicebench-fw", "watch"], launch.Command.Take(5));
    }

    [Fact]
    public void Run_json_keeps_the_profile_and_the_report_lists_each_contenders_knobs()
    {
        var run = Run(["csharp-kestrel", "rust-hyper", "go-nethttp"], 1);
        run.MemoryProfile = MemoryProfile.Create("constrained", 64 * MiB, run.Settings.Contenders);

        string json = RunJsonContext.Serialize(run);
        var back = RunJsonContext.Deserialize(json);
        string markdown = MarkdownReport.Render(back, []);

        using var document = JsonDocument.Parse(json);
        var saved = document.RootElement.GetProperty("memoryProfile");
        Assert.Equal("constrained", saved.GetProperty("name").GetString());
        Assert.Equal(64 * MiB, saved.GetProperty("budgetBytes").GetInt64());
        Assert.Equal("3000000", saved.GetProperty("settings").GetProperty("csharp-kestrel").GetProperty("DOTNET_GCHeapHardLimit").GetString());
        Assert.Contains("## Memory profile", markdown, StringComparison.Ordinal);
        Assert.Contains("Profile constrained: a budget of 64.0 MiB for every contender", markdown, StringComparison.Ordinal);
        // Markdown escapes the underscores of the variable names; they read as written.
        Assert.Contains(@"| csharp-kestrel | DOTNET\_GCConserveMemory=5 DOTNET\_GCHeapHardLimit=3000000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| go-nethttp | GOGC=100 GOMEMLIMIT=50331648B |", markdown, StringComparison.Ordinal);
        Assert.Contains("| rust-hyper | none (no runtime heap to limit) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_saved_before_profiles_reads_as_the_default_profile()
    {
        var run = Run(["alpha"], 1);

        Assert.Null(run.MemoryProfile);
        Assert.Contains("Profile default: no memory setting; every runtime runs as it ships.", MarkdownReport.Render(run, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_labels_each_run_with_its_profile_and_says_when_they_differ()
    {
        var a = Run(["alpha"], 1, 1000);
        a.Sessions.Add(Session("alpha", 1, 10 * MiB, 1000, a.Rates, 2000));
        var b = Run(["alpha"], 1, 1000);
        b.MemoryProfile = MemoryProfile.Create("constrained", null, b.Settings.Contenders);
        b.Sessions.Add(Session("alpha", 1, 8 * MiB, 1000, b.Rates, 2000));

        var report = CompareReport.Of(a, b);

        Assert.Contains("profile default", report.LabelA, StringComparison.Ordinal);
        Assert.Contains("profile constrained (32.0 MiB)", report.LabelB, StringComparison.Ordinal);
        Assert.Contains("A ran memory profile default, B constrained (32.0 MiB): the memory settings differ (each report lists them)", report.Notes);
        Assert.Contains("profile constrained (32.0 MiB)", CompareMarkdown.Of([report], 5), StringComparison.Ordinal);
    }
}
