namespace DeviceBench.Host.Hostile;

/// <summary>The counters an attack's many connection loops bump concurrently.</summary>
internal sealed class AttackCounters
{
    private long opened;
    private long connectFailures;
    private long completed;
    private long closedByServer;
    private long resetsMidRequest;
    private long resetsMidResponse;

    public void Opened() => Interlocked.Increment(ref opened);

    public void ConnectFailed() => Interlocked.Increment(ref connectFailures);

    public void Completed() => Interlocked.Increment(ref completed);

    public void ClosedByServer() => Interlocked.Increment(ref closedByServer);

    public void ResetMidRequest() => Interlocked.Increment(ref resetsMidRequest);

    public void ResetMidResponse() => Interlocked.Increment(ref resetsMidResponse);

    public long OpenedCount => Interlocked.Read(ref opened);

    public AttackResult ToResult(AttackKind kind) => new(kind, Interlocked.Read(ref opened), Interlocked.Read(ref connectFailures),
        Interlocked.Read(ref completed), Interlocked.Read(ref closedByServer), Interlocked.Read(ref resetsMidRequest),
        Interlocked.Read(ref resetsMidResponse));
}
