using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Commands;

/// <summary>The limits <c>serve</c> sets on its engine: connections for both, the request and time limits of the minimal engine.</summary>
internal static class EngineLimits
{
    public const string Usage = """
          --max-connections N    accept no more than N connections at once (16384)
          minimal engine: --idle-timeout-ms N (30000) --header-timeout-ms N (10000) --max-request-line N[k] (8k)
                          --max-header-bytes N[k] (8k) --max-headers N (100) --max-body N[k|M] (1M)
        """;

    public static int MaxConnections(Args args) => args.Int32("max-connections", 1) ?? 16_384;

    /// <summary>The minimal engine's options; a limit that is not a positive number is recorded in <paramref name="args"/>.</summary>
    public static MinimalOptions Minimal(Args args)
    {
        var defaults = new MinimalOptions();
        var limits = defaults.Limits;
        return defaults with
        {
            IdleTimeout = Milliseconds(args, "idle-timeout-ms") ?? defaults.IdleTimeout,
            HeaderReadTimeout = Milliseconds(args, "header-timeout-ms") ?? defaults.HeaderReadTimeout,
            Limits = limits with
            {
                MaxRequestLineBytes = args.Int32("max-request-line", 1) ?? limits.MaxRequestLineBytes,
                MaxHeaderBytes = args.Int32("max-header-bytes", 1) ?? limits.MaxHeaderBytes,
                MaxHeaderCount = args.Int32("max-headers", 1) ?? limits.MaxHeaderCount,
                MaxBodyBytes = args.Int64("max-body", 1) ?? limits.MaxBodyBytes,
            },
        };
    }

    /// <summary>A positive number of milliseconds up to int.MaxValue (24.8 days): no board needs a longer timeout.</summary>
    public static TimeSpan? Milliseconds(Args args, string name) =>
        args.Int32(name, 1) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
