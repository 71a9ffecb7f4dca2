namespace DeviceBench.Host.Bench;

/// <summary>
/// One bench run as saved in <c>run.json</c> (schema: Bench/run.schema.json). Rewritten atomically after every step,
/// so the file on disk is always a readable record of what was measured so far and, if it stopped, why.
/// </summary>
public sealed class RunRecord
{
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Board { get; set; }

    public required string Architecture { get; set; }

    /// <summary>Limits the board could and could not apply, and anything a reader of the numbers must know.</summary>
    public List<string> BoardNotes { get; set; } = [];

    public required DateTimeOffset StartedUtc { get; set; }

    public DateTimeOffset? FinishedUtc { get; set; }

    /// <summary><c>running</c>, <c>complete</c>, <c>partial</c> (some session failed or the run was stopped) or <c>failed</c>.</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;

    public string? Reason { get; set; }

    public required BenchSettings Settings { get; set; }

    /// <summary>Open-loop rates every contender was measured at (requests/s).</summary>
    public List<double> Rates { get; set; } = [];

    public List<ContenderSession> Sessions { get; set; } = [];

    /// <summary>Each contender's build on the host that built the artifacts (manifest.tsv); empty in records that predate it.</summary>
    public List<ContenderBuild> Builds { get; set; } = [];

    /// <summary>Serial line counts over the whole run.</summary>
    public SerialCounts Serial { get; set; } = new();
}
