namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>The engine-wide connection limit, shared by every event loop.</summary>
internal sealed class ConnectionGate(int maxConnections)
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= maxConnections) return true;
        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _open);
}
