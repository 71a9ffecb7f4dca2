using DeviceBench.Firmware.Engines.Kestrel;

namespace DeviceBench.Firmware.Engines;

/// <summary>The engines <c>serve --engine</c> knows, by name.</summary>
internal static class EngineCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["kestrel"];

    public static IHttpEngine? Create(string name) => name switch
    {
        "kestrel" => new KestrelEngine(),
        _ => null,
    };
}
