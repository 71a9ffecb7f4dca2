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

    public static ContenderLaunch Launch(string name, int port, int workers, TimeSpan interval)
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
        return new ContenderLaunch(name, command, port);
    }
}
