namespace DeviceBench.Host.Bench;

/// <summary>What the bench tells whoever watches it (the CLI's live lines); the library itself prints nothing.</summary>
public interface IBenchProgress
{
    /// <summary>One event of the run (a start, READY, a finished phase, a failure), as events.log records it.</summary>
    void Report(string message);

    /// <summary>A load phase is about to start: where the run is and how long it has left.</summary>
    void PhaseStarting(BenchPosition position)
    {
    }
}
