namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>The counters an attack's many connection loops bump concurrently.</summary>
internal sealed class AttackCounters
{
    private long _opened;
    private long _connectFailures;
    private long _completed;
    private long _closedByServer;
    private long _resetsMidRequest;
    private long _resetsMidResponse;

    public void Opened() => Interlocked.Increment(ref _opened);

    public void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    public void Completed() => Interlocked.Increment(ref _completed);

    public void ClosedByServer() => Interlocked.Increment(ref _closedByServer);

    public void ResetMidRequest() => Interlocked.Increment(ref _resetsMidRequest);

    public void ResetMidResponse() => Interlocked.Increment(ref _resetsMidResponse);

    public long OpenedCount => Interlocked.Read(ref _opened);

    public AttackResult ToResult(AttackKind kind) => new(kind, Interlocked.Read(ref _opened), Interlocked.Read(ref _connectFailures),
        Interlocked.Read(ref _completed), Interlocked.Read(ref _closedByServer), Interlocked.Read(ref _resetsMidRequest),
        Interlocked.Read(ref _resetsMidResponse));
}
