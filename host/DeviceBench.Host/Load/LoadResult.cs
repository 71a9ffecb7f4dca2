namespace DeviceBench.Host.Load;

/// <summary>Everything one run measured; serialised as the <c>--json</c> document (schema: load-result.schema.json).</summary>
public sealed record LoadResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required LoadSettings Settings { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>Length of the measurement (the warm-up excluded); shorter than asked when the run was stopped early.</summary>
    public required double MeasuredSeconds { get; init; }

    /// <summary>"duration" or "cancelled".</summary>
    public required string StoppedBy { get; init; }

    /// <summary>Complete responses, of any status, within the measurement.</summary>
    public required long Requests { get; init; }

    public required double RequestsPerSecond { get; init; }

    public required long BytesRead { get; init; }

    public required long BytesWritten { get; init; }

    /// <summary>Corrected latency (from each request's planned start) in an open loop; from its send in a closed loop.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Open loop only: latency from each request's actual send, which a stalled server can hide behind.</summary>
    public LatencySummary? UncorrectedLatency { get; init; }

    /// <summary>Open loop only: how late the engine sent requests it was free to send on time.</summary>
    public LatencySummary? SendLag { get; init; }

    public required ErrorCounts Errors { get; init; }

    /// <summary>Connections reopened after the server or an error closed them.</summary>
    public required long Reconnects { get; init; }

    /// <summary>Requests still unanswered when the run ended (after waiting up to one timeout for them).</summary>
    public required long Unfinished { get; init; }

    public required EngineHealth Engine { get; init; }

    public required IReadOnlyList<IntervalRecord> Intervals { get; init; }
}
