using System.Globalization;
using DeviceBench.Host.Boards;

namespace DeviceBench.Host.Bench;

/// <summary>
/// The four contenders and how each starts on a board. The C# engines report on themselves (<c>serve</c>); Rust and Go
/// run under <c>watch</c>, which measures them from /proc with the same sampler code.
/// </summary>
public static class ContenderCatalog
{
    /// <summary>The contenders a Linux board runs from the artifacts (the default contender list).</summary>
    public static IReadOnlyList<string> Names { get; } = ["csharp-minimal", "csharp-kestrel", "rust-hyper", "go-nethttp"];

    /// <summary>The nanoFramework firmware, flashed on an ESP32 out of band: nothing to launch.</summary>
    public const string Nanoframework = Boards.Esp32.Esp32Board.Contender;

    /// <summary>Every contender name a run may list.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Names, Nanoframework];

    /// <param name="environment"><c>NAME=value</c> pairs the contender starts with (<see cref="MemoryProfile.Environment"/>): the command
    /// is run through <c>env</c>, which every board has and which execs, so the process and its pid stay the contender's.</param>
    public static ContenderLaunch Launch(string name, int port, int workers, TimeSpan interval, IReadOnlyList<string>? environment = null)
    {
        string p = port.ToString(CultureInfo.InvariantCulture), w = workers.ToString(CultureInfo.InvariantCulture);
        string[] report = ["--serial", "{serial}", "--serial-required", "--interval-ms", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)];
        string[] command = name switch
        {
            // The minimal engine runs from the lean build (no Kestrel compiled in), as a board maker would ship it.
            "csharp-minimal" => ["{dir}/fw-minimal/devicebench-fw", "serve", "--engine", "minimal", "--port", p, "--threads", w, .. report],
            "csharp-kestrel" => ["{dir}/fw/devicebench-fw", "serve", "--engine", "kestrel", "--port", p, "--threads", w, .. report],
            // Already running on the board: the board starts nothing and checks that this is the one it runs.
            Nanoframework => [],
            "rust-hyper" or "go-nethttp" =>
                ["{dir}/fw/devicebench-fw", "watch", "--name", name, .. report, "--", $"{{dir}}/{name}", "--port", p, "--threads", w],
            _ => throw new ArgumentException($"unknown contender '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };
        return new ContenderLaunch(name, environment is { Count: > 0 } set ? ["env", .. set, .. command] : command, port);
    }

    /// <summary>
    /// Checks that <c>ARTIFACTS/ARCH/</c> holds a finished build (scripts/build.sh writes manifest.tsv last) with every
    /// file the <paramref name="contenders"/> run, so a missing build is refused before a run folder is made for it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest or a contender's file is missing; the message says which and what to run.</exception>
    public static void CheckArtifacts(string artifactsDirectory, string architecture, IEnumerable<string> contenders)
    {
        string directory = Path.GetFullPath(Path.Combine(artifactsDirectory, architecture));
        string manifest = Path.Combine(directory, "manifest.tsv");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{manifest} is missing: run scripts/build.sh {architecture} first", manifest);
        foreach (string contender in contenders)
        {
            // The files a launch runs are the {dir}/ arguments of its command line: one list, no second copy to keep in step.
            foreach (string file in Launch(contender, 0, 1, TimeSpan.FromSeconds(1)).Command.Where(a => a.StartsWith(DirPrefix, StringComparison.Ordinal)))
            {
                string path = Path.Combine(directory, file[DirPrefix.Length..]);
                if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing ({contender}): run scripts/build.sh {architecture} first", path);
            }
        }
    }

    /// <summary>
    /// Each contender's card from <c>ARTIFACTS/ARCH/manifest.tsv</c>: the row of the binary it runs as, which is the
    /// last <c>{dir}/</c> argument of its launch (Rust and Go run behind the firmware's <c>watch</c>). A contender the
    /// manifest does not list gets no card; columns are found by the header, so an older manifest still reads.
    /// </summary>
    public static IReadOnlyList<ContenderCard> Cards(string artifactsDirectory, string architecture, IEnumerable<string> contenders)
    {
        string manifest = Path.Combine(artifactsDirectory, architecture, "manifest.tsv");
        if (!File.Exists(manifest)) return [];
        var rows = File.ReadAllLines(manifest).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        if (rows.Count == 0) return [];
        var column = rows[0].Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        string? Cell(string[] row, string name) => column.TryGetValue(name, out int i) && i < row.Length && row[i].Length > 0 ? row[i] : null;
        var byFile = rows.Skip(1).Where(r => Cell(r, "file") is not null).GroupBy(r => Cell(r, "file")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var cards = new List<ContenderCard>();
        foreach (string contender in contenders)
        {
            string file = Launch(contender, 0, 1, TimeSpan.FromSeconds(1)).Command.Last(a => a.StartsWith(DirPrefix, StringComparison.Ordinal))[DirPrefix.Length..];
            if (!byFile.TryGetValue(file, out var row)) continue;
            cards.Add(new ContenderCard(contender, Cell(row, "name") ?? file, Cell(row, "toolchain") ?? "unknown", Cell(row, "flavour"),
                long.TryParse(Cell(row, "size_bytes"), NumberStyles.None, CultureInfo.InvariantCulture, out long size) ? size : 0, Cell(row, "sha256") ?? "", file,
                double.TryParse(Cell(row, "build_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : null,
                Cell(row, "clean") == "yes"));
        }
        return cards;
    }

    private const string DirPrefix = "{dir}/";
}
