namespace DeviceBench.IntegrationTests.Infrastructure;

/// <summary>The published binaries that scripts/build.sh puts under artifacts/&lt;arch&gt;/ — integration tests run the real thing.</summary>
public static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(string arch, string relative)
    {
        string path = System.IO.Path.Combine(RepositoryRoot, "artifacts", arch, relative);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: run scripts/build.sh {arch} first", path);
        return path;
    }

    public static string Firmware(string arch = "x64") => Path(arch, "fw/devicebench-fw");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DeviceBench.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("DeviceBench.sln not found above the test binaries");
    }
}
