namespace DeviceBench.Host.Load;

/// <summary>The settings a result was measured with, as recorded in the JSON.</summary>
public sealed record LoadSettings(
    string Url,
    string Mode,
    int Connections,
    int Threads,
    double DurationSeconds,
    double WarmupSeconds,
    double? RatePerSecond,
    int Pipeline,
    double TimeoutSeconds,
    string Method,
    int? ExpectedStatus,
    long? ExpectedBodyBytes)
{
    public static LoadSettings From(LoadOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Url.ToString(), options.IsOpenLoop ? "open" : "closed", options.Connections, threads,
            options.Duration.TotalSeconds, options.Warmup.TotalSeconds, options.RatePerSecond, options.Pipeline,
            options.Timeout.TotalSeconds, options.Method, options.ExpectedStatus, options.ExpectedBodyBytes);
    }
}
