using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Engines;

/// <summary>The engines <c>serve --engine</c> knows, by name (the lean build, KestrelSupport=false, has minimal only).</summary>
internal static class EngineCatalog
{
#if KESTREL
    public static IReadOnlyList<string> Names { get; } = ["minimal", "kestrel"];
#else
    public static IReadOnlyList<string> Names { get; } = ["minimal"];
#endif

    public static IHttpEngine? Create(string name, MinimalOptions? minimal = null) => name switch
    {
        "minimal" => new MinimalEngine(minimal),
#if KESTREL
        "kestrel" => new Kestrel.KestrelEngine(),
#endif
        _ => null,
    };
}
