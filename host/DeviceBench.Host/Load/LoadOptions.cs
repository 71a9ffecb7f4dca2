namespace DeviceBench.Host.Load;

/// <summary>What to load and how. Without <see cref="RatePerSecond"/> the run is a closed loop (wrk), with it an open loop (wrk2).</summary>
public sealed record LoadOptions
{
    /// <summary>One source address has 65,535 ports, and every connection to one host:port needs its own.</summary>
    public const int MaxConnections = 65_535;

    /// <summary>
    /// One event loop per core is the design; 256 covers the largest hosts, and each loop costs a thread, a 64 KiB
    /// receive buffer and two descriptors, so a typo like <c>-t 100000</c> must not be taken literally.
    /// </summary>
    public const int MaxThreads = 256;

    /// <summary>HTTP/1.1 requests in flight on one connection; deeper pipelines only measure the server's buffer size.</summary>
    public const int MaxPipeline = 1024;

    /// <summary>
    /// The engine sends ~60k requests/s per core (README); 10 million/s is past any host it runs on, and keeps the
    /// open loop's plan (rate × duration requests, up to 8.6e11 for a day) far inside a 64-bit count.
    /// </summary>
    public const double MaxRatePerSecond = 10_000_000;

    /// <summary>One request per 100 s: below that a run of any sane length plans none, and the plan's arithmetic leaves 64 bits.</summary>
    public const double MinRatePerSecond = 0.01;

    /// <summary>A pipelined batch is one buffer of pipeline × request bytes, sent as is; past 64 MiB it measures memory copies.</summary>
    public const long MaxBatchBytes = 64L << 20;

    /// <summary>A day: longer soaks are several runs (the per-interval series, one record a second, is kept in memory).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>The latency histograms track up to one hour; a longer timeout would wait for latencies they cannot hold.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public required Uri Url { get; init; }

    public int Connections { get; init; } = 64;

    /// <summary>Event-loop threads; never more than <see cref="Connections"/>.</summary>
    public int Threads { get; init; } = Math.Min(Environment.ProcessorCount, MaxThreads);

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

    /// <summary>
    /// At least 5 s, whatever the request timeout: 10,000 simultaneous SYNs can overflow a listen backlog, and a
    /// dropped SYN is retried after 1 s, then 3 s.
    /// </summary>
    public TimeSpan ConnectTimeout => Timeout > TimeSpan.FromSeconds(5) ? Timeout : TimeSpan.FromSeconds(5);

    /// <summary>Descriptors the run opens itself: one per connection, an epoll set and a timerfd per event loop.</summary>
    public long DescriptorsNeeded => Connections + (2L * Math.Min(Threads, Connections));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Check(Url.IsAbsoluteUri && Url.Scheme == Uri.UriSchemeHttp, "the URL must be http:// (the engine speaks plain HTTP/1.1, no TLS)");
        Check(Connections is >= 1 and <= MaxConnections, $"connections must be from 1 to {MaxConnections:N0}");
        Check(Threads is >= 1 and <= MaxThreads, $"threads must be from 1 to {MaxThreads}");
        Check(Duration > TimeSpan.Zero && Duration <= MaxDuration, "duration must be positive and at most 24 h");
        Check(Warmup >= TimeSpan.Zero && Warmup <= MaxDuration, "warm-up must be from 0 to 24 h");
        Check(RatePerSecond is null || RatePerSecond is >= MinRatePerSecond and <= MaxRatePerSecond,
            $"rate must be from {MinRatePerSecond} to {MaxRatePerSecond:N0} requests/s");
        Check(Pipeline is >= 1 and <= MaxPipeline, $"pipeline must be from 1 to {MaxPipeline}");
        Check((long)(Body?.Length ?? 0) * Pipeline <= MaxBatchBytes, "the body times the pipeline depth must stay within 64 MiB (a pipelined batch is one buffer)");
        Check(Timeout > TimeSpan.Zero && Timeout <= MaxTimeout, "timeout must be positive and at most 1 h");
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
