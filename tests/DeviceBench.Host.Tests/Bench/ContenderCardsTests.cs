using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Tests.Bench;

public sealed class ContenderCardsTests : IDisposable
{
    private readonly DirectoryInfo _artifacts = Directory.CreateTempSubdirectory("devicebench-artifacts-");

    public void Dispose() => _artifacts.Delete(recursive: true);

    private void Manifest(params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_artifacts.FullName, "x64"));
        File.WriteAllLines(Path.Combine(_artifacts.FullName, "x64", "manifest.tsv"), lines);
    }

    [Fact]
    public void Each_contender_gets_the_row_of_the_binary_it_runs_as()
    {
        Manifest("name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\tflavour",
            "devicebench-fw\tx64\tdotnet 10 NativeAOT\t7000000\taaaa\tfw/devicebench-fw\tfull",
            "devicebench-fw-minimal\tx64\tdotnet 10 NativeAOT\t3700000\tbbbb\tfw-minimal/devicebench-fw\tlean",
            "rust-hyper\tx64\trustc 1.63.0\t700000\tcccc\trust-hyper\trelease: LTO");

        var cards = ContenderCatalog.Cards(_artifacts.FullName, "x64", ["csharp-minimal", "csharp-kestrel", "rust-hyper", "go-nethttp"]);

        Assert.Equal(
        [
            new ContenderCard("csharp-minimal", "devicebench-fw-minimal", "dotnet 10 NativeAOT", "lean", 3_700_000, "bbbb", "fw-minimal/devicebench-fw"),
            new ContenderCard("csharp-kestrel", "devicebench-fw", "dotnet 10 NativeAOT", "full", 7_000_000, "aaaa", "fw/devicebench-fw"),
            // Rust runs under the firmware's watch: its card is its own binary's, not the firmware's. Go is not built: no card.
            new ContenderCard("rust-hyper", "rust-hyper", "rustc 1.63.0", "release: LTO", 700_000, "cccc", "rust-hyper"),
        ], cards);
    }

    [Fact]
    public void A_manifest_from_before_the_flavour_column_still_reads_and_no_manifest_gives_no_cards()
    {
        Assert.Empty(ContenderCatalog.Cards(_artifacts.FullName, "x64", ["go-nethttp"]));

        Manifest("name\tarch\ttoolchain\tsize_bytes\tsha256\tfile", "go-nethttp\tx64\tgo1.19.8\t4521984\tdddd\tgo-nethttp");

        Assert.Equal(new ContenderCard("go-nethttp", "go-nethttp", "go1.19.8", null, 4_521_984, "dddd", "go-nethttp"),
            Assert.Single(ContenderCatalog.Cards(_artifacts.FullName, "x64", ["go-nethttp"])));
    }

    [Fact]
    public void Build_time_and_whether_it_was_clean_come_from_the_manifest()
    {
        Manifest("name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\tflavour\tbuild_seconds\tclean",
            "devicebench-fw-minimal\tx64\tdotnet 10 NativeAOT\t3769352\tbb\tfw-minimal/devicebench-fw\tlean\t88.0\tyes",
            "go-nethttp\tx64\tgo1.19.8\t4521984\tcc\tgo-nethttp\tstatic\t1.5\tno");

        var cards = ContenderCatalog.Cards(_artifacts.FullName, "x64", ["csharp-minimal", "go-nethttp"]);

        Assert.Equal([(88.0, true), (1.5, false)], cards.Select(c => (c.BuildSeconds!.Value, c.Clean)));
    }
}
