using System.Globalization;
using DeviceBench.Host.Boards;

namespace DeviceBench.Host.Bench;

/// <summary>
/// The four contenders and how each starts on a board. The C# engines report on themselves (<c>serve</c>); Rust and Go
/// run under <c>watch</c>, which measures them from /proc with the same sampler code.
/// </summary>
public static class ContenderCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["csharp-minimal", "csharp-kestrel", "rust-hyper", "go-nethttp"];

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

    private const string DirPrefix = "{dir}/";
}
