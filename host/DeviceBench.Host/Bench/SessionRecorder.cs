using System.Diagnostics;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Bench;

/// <summary>
/// Files the board's records into the running session: READY and END complete their waits, STATs are kept with
/// the phase they fell in, and a BOOT after READY is the board (or firmware) resetting under us.
/// </summary>
internal sealed class SessionRecorder(ContenderSession session)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _lock = new();

    public ContenderSession Session => session;
    public TaskCompletionSource<ReadyRecord> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource<EndRecord> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public string Phase { get; set; } = "start";
    public string? ResetReason { get; private set; }

    /// <summary>Completes when a BOOT after READY says the board reset: a phase under way stops at once.</summary>
    public TaskCompletionSource BoardReset { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MemoryFigures? LatestMemory
    {
        get { lock (_lock) return session.Stats.Count > 0 ? session.Stats[^1].Stat.Memory : session.Ready?.Memory; }
    }

    public void Accept(IReportRecord record)
    {
        lock (_lock)
        {
            switch (record)
            {
                case BootRecord boot when session.Ready is not null:
                    ResetReason ??= $"board reset: BOOT (pid {boot.Pid}) received during {Phase}";
                    session.Events.Add($"board reset: BOOT (pid {boot.Pid}) received during {Phase}");
                    BoardReset.TrySetResult();
                    break;
                case ReadyRecord ready when session.Ready is null:
                    session.Ready = ready;
                    Ready.TrySetResult(ready);
                    break;
                case StatRecord stat:
                    session.Stats.Add(new TimedStat(Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 3), Phase, stat));
                    break;
                case AlarmRecord alarm:
                    session.Alarms.Add(alarm);
                    break;
                case EndRecord end:
                    session.End = end;
                    Ended.TrySetResult(end);
                    break;
            }
        }
    }
}
