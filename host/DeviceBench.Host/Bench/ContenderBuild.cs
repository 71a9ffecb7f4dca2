using System.Globalization;

namespace DeviceBench.Host.Bench;

/// <summary>
/// What building a contender cost on the host that built the artifacts, from <c>manifest.tsv</c> (scripts/build.sh):
/// the binary it deploys, its size and sha256, and the build's wall time, clean (<c>build.sh --clean</c>: no target,
/// obj or compiler cache, dependencies already on disk) or incremental.
/// </summary>
/// <param name="Artifact">The manifest's name for the binary (the C# engines share <c>devicebench-fw</c> builds).</param>
/// <param name="BuildSeconds">Absent for artifacts built before build.sh timed them.</param>
public sealed record ContenderBuild(string Contender, string Artifact, string Toolchain, long BinaryBytes, string Sha256, double? BuildSeconds, bool Clean)
{
    /// <summary>The manifest line each contender's own binary is built as.</summary>
    public static string ArtifactOf(string contender) => contender switch
    {
        "csharp-minimal" => "devicebench-fw-minimal",
        "csharp-kestrel" => "devicebench-fw",
        _ => contender,
    };

    /// <summary>The build figures of <paramref name="contenders"/> from ARTIFACTS/ARCH/manifest.tsv; a contender the manifest lacks is left out.</summary>
    /// <exception cref="IOException">The manifest cannot be read.</exception>
    public static List<ContenderBuild> Read(string artifactsDirectory, string architecture, IEnumerable<string> contenders)
    {
        string manifest = Path.Combine(artifactsDirectory, architecture, "manifest.tsv");
        var lines = File.ReadAllLines(manifest);
        if (lines.Length == 0) return [];
        var header = lines[0].Split('\t').Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        string? Field(string[] row, string name) => header.TryGetValue(name, out int i) && i < row.Length && row[i].Length > 0 ? row[i] : null;
        var builds = new List<ContenderBuild>();
        foreach (string contender in contenders)
        {
            string artifact = ArtifactOf(contender);
            if (rows.FirstOrDefault(r => Field(r, "name") == artifact) is not { } row) continue;
            builds.Add(new ContenderBuild(contender, artifact, Field(row, "toolchain") ?? "",
                long.TryParse(Field(row, "size_bytes"), NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size : 0, Field(row, "sha256") ?? "",
                double.TryParse(Field(row, "build_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : null,
                Field(row, "clean") == "yes"));
        }
        return builds;
    }
}
