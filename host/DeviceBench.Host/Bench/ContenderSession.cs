using DeviceBench.Protocol;

namespace DeviceBench.Host.Bench;

/// <summary>One contender started, measured and stopped once: its baseline, its load phases and everything its board reported.</summary>
public sealed class ContenderSession
{
    public required string Contender { get; set; }

    /// <summary>0 for the calibration pass that finds each contender's maximum before rates are chosen.</summary>
    public required int Round { get; set; }

    /// <summary><c>running</c>, <c>ok</c> or <c>failed</c>.</summary>
    public SessionStatus Status { get; set; } = SessionStatus.Running;

    public string? Reason { get; set; }

    public DateTimeOffset StartedUtc { get; set; }

    /// <summary>READY: memory after start-up, before the first request.</summary>
    public ReadyRecord? Ready { get; set; }

    /// <summary>Memory after idling <see cref="BenchSettings.Settle"/> past READY.</summary>
    public MemoryFigures? SettledBaseline { get; set; }

    public List<PhaseResult> Phases { get; set; } = [];

    /// <summary>The connection ladder, step by step (empty when none was asked for).</summary>
    public List<LadderStep> Ladder { get; set; } = [];

    /// <summary>The knee search; absent when no <c>--slo</c> was given.</summary>
    public KneeResult? Knee { get; set; }

    public List<TimedStat> Stats { get; set; } = [];

    public List<AlarmRecord> Alarms { get; set; } = [];

    /// <summary>Things a reader must know: a reset (BOOT mid-run), a crash, a timeout.</summary>
    public List<string> Events { get; set; } = [];

    public EndRecord? End { get; set; }

    public int? ExitCode { get; set; }
}
