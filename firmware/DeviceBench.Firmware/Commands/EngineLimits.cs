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

    public static int MaxConnections(Args args) => Positive(args, "max-connections") is { } n ? checked((int)n) : 16_384;

    /// <exception cref="UsageException">A limit is not a positive number.</exception>
    public static MinimalOptions Minimal(Args args)
    {
        var defaults = new MinimalOptions();
        var limits = defaults.Limits;
        return defaults with
        {
            IdleTimeout = Positive(args, "idle-timeout-ms") is { } idle ? TimeSpan.FromMilliseconds(idle) : defaults.IdleTimeout,
            HeaderReadTimeout = Positive(args, "header-timeout-ms") is { } head ? TimeSpan.FromMilliseconds(head) : defaults.HeaderReadTimeout,
            Limits = limits with
            {
                MaxRequestLineBytes = Int(args, "max-request-line") ?? limits.MaxRequestLineBytes,
                MaxHeaderBytes = Int(args, "max-header-bytes") ?? limits.MaxHeaderBytes,
                MaxHeaderCount = Int(args, "max-headers") ?? limits.MaxHeaderCount,
                MaxBodyBytes = Positive(args, "max-body") ?? limits.MaxBodyBytes,
            },
        };
    }

    private static int? Int(Args args, string name) => Positive(args, name) is { } v ? checked((int)v) : null;

    private static long? Positive(Args args, string name) =>
        args.Int64(name) is not { } v ? null : v > 0 ? v : throw new UsageException($"--{name} must be positive");
}
