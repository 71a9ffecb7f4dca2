using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Tests.Bench;

public sealed class ContenderBuildTests : IDisposable
{
    private readonly DirectoryInfo _artifacts = Directory.CreateTempSubdirectory("devicebench-manifest-");

    public void Dispose() => _artifacts.Delete(recursive: true);

    private void Manifest(params string[] lines)
    {
        Directory.CreateDirectory(Path.Combine(_artifacts.FullName, "x64"));
        File.WriteAllLines(Path.Combine(_artifacts.FullName, "x64", "manifest.tsv"), lines);
    }

    [Fact]
    public void Each_contender_reads_its_own_binary_s_line_with_its_build_time()
    {
        Manifest("name\tarch\ttoolchain\tsize_bytes\tsha256\tfile\tbuild_seconds\tclean",
            "devicebench-fw\tx64\tdotnet 10 NativeAOT\t7332264\taa\tfw/devicebench-fw\t95.4\tyes",
            "devicebench-fw-minimal\tx64\tdotnet 10 NativeAOT, lean\t3769352\tbb\tfw-minimal/devicebench-fw\t88.0\tyes",
            "go-nethttp\tx64\tgo1.19.8\t4521984\tcc\tgo-nethttp\t1.0\tno");

        var builds = ContenderBuild.Read(_artifacts.FullName, "x64", ["csharp-minimal", "csharp-kestrel", "go-nethttp", "rust-hyper"]);

        Assert.Equal([
            new ContenderBuild("csharp-minimal", "devicebench-fw-minimal", "dotnet 10 NativeAOT, lean", 3769352, "bb", 88.0, true),
            new ContenderBuild("csharp-kestrel", "devicebench-fw", "dotnet 10 NativeAOT", 7332264, "aa", 95.4, true),
            new ContenderBuild("go-nethttp", "go-nethttp", "go1.19.8", 4521984, "cc", 1.0, false),
        ], builds);
    }

    [Fact]
    public void A_manifest_from_before_build_times_were_recorded_gives_sizes_without_times()
    {
        Manifest("name\tarch\ttoolchain\tsize_bytes\tsha256\tfile", "rust-hyper\tx64\trustc 1.63.0\t702896\tdd\trust-hyper");

        var build = Assert.Single(ContenderBuild.Read(_artifacts.FullName, "x64", ["rust-hyper"]));

        Assert.Equal((702896L, (double?)null, false), (build.BinaryBytes, build.BuildSeconds, build.Clean));
    }
}
