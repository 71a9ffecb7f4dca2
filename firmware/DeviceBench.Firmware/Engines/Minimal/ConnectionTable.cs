namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// An event loop's connection slots, in segments of 256 so growing never copies or leaves a doubled array half
/// empty. A slot's generation changes when it is freed, so a stale epoll event for a closed descriptor is recognised.
/// </summary>
internal sealed class ConnectionTable
{
    private const int SegmentShift = 8;
    private const int SegmentMask = (1 << SegmentShift) - 1;
    private readonly List<Connection[]> _segments = [];
    private int _freeHead = -1;

    /// <summary>Slots ever created; every live slot index is below it.</summary>
    public int Count { get; private set; }

    public ref Connection this[int slot] => ref _segments[slot >> SegmentShift][slot & SegmentMask];

    public int Allocate(int fd, long nowMillis)
    {
        int slot = _freeHead;
        if (slot >= 0) _freeHead = this[slot].NextFree;
        else
        {
            slot = Count++;
            if ((slot >> SegmentShift) == _segments.Count) _segments.Add(new Connection[1 << SegmentShift]);
        }
        ref var c = ref this[slot];
        uint generation = c.Generation;
        c = default;
        c.Generation = generation;
        c.Fd = fd;
        c.Phase = ConnectionPhase.Open;
        c.PendingBlock = -1;
        c.LastActivityMillis = nowMillis;
        return slot;
    }

    public void Free(int slot)
    {
        ref var c = ref this[slot];
        c.Phase = ConnectionPhase.Free;
        c.Fd = -1;
        c.Generation++;
        c.NextFree = _freeHead;
        _freeHead = slot;
    }
}
