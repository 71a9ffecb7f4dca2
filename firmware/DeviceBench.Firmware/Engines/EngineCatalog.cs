using DeviceBench.Firmware.Engines.Kestrel;
using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Engines;

/// <summary>The engines <c>serve --engine</c> knows, by name.</summary>
internal static class EngineCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["minimal", "kestrel"];

    public static IHttpEngine? Create(string name) => name switch
    {
        "minimal" => new MinimalEngine(),
        "kestrel" => new KestrelEngine(),
        _ => null,
    };
}
