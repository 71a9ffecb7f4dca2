namespace DeviceBench.Host.Load;

/// <summary>What to load and how. Without <see cref="RatePerSecond"/> the run is a closed loop (wrk), with it an open loop (wrk2).</summary>
public sealed record LoadOptions
{
    public required Uri Url { get; init; }

    public int Connections { get; init; } = 64;

    /// <summary>Event-loop threads; never more than <see cref="Connections"/>.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Length of the measurement, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load applied first and discarded, so JIT, caches and connection pools settle before measuring.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>Open loop: requests per second over all connections; null for a closed loop.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>HTTP/1.1 requests in flight per connection (1 = no pipelining).</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>A request without a complete response after this long counts as a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public string Method { get; init; } = "GET";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>The only acceptable status; null accepts any 2xx or 3xx.</summary>
    public int? ExpectedStatus { get; init; }

    /// <summary>If set, a response whose body has another length counts as a length error.</summary>
    public long? ExpectedBodyBytes { get; init; }

    /// <summary>Interval of the time series, the live view and the .hlog log.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool IsOpenLoop => RatePerSecond is not null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Check(Url.IsAbsoluteUri && Url.Scheme == Uri.UriSchemeHttp, "the URL must be http:// (the engine speaks plain HTTP/1.1, no TLS)");
        Check(Connections >= 1, "connections must be at least 1");
        Check(Threads >= 1, "threads must be at least 1");
        Check(Duration > TimeSpan.Zero, "duration must be positive");
        Check(Warmup >= TimeSpan.Zero, "warm-up cannot be negative");
        Check(RatePerSecond is null || RatePerSecond > 0, "rate must be positive");
        Check(Pipeline is >= 1 and <= 1024, "pipeline must be between 1 and 1024");
        Check(Timeout > TimeSpan.Zero, "timeout must be positive");
        Check(ReportInterval >= TimeSpan.FromMilliseconds(10), "report interval must be at least 10 ms");
        Check(!string.IsNullOrWhiteSpace(Method) && !Method.Any(char.IsWhiteSpace), "method must be one token");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
