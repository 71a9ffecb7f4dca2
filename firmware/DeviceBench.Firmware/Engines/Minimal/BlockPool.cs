using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// Fixed-size blocks carved from one slab allocated at start: pending output for connections whose peer stopped
/// reading. The slab is reserved, not touched, so it costs resident memory only for blocks ever used; an exhausted
/// pool makes the caller drop the stalled connection instead of growing. Owned by one event loop: no locking.
/// </summary>
internal sealed unsafe class BlockPool : IDisposable
{
    private readonly byte* _slab;
    private readonly int[] _free;
    private int _freeCount;

    public BlockPool(int blockCount, int blockBytes)
    {
        BlockBytes = blockBytes;
        _slab = (byte*)NativeMemory.Alloc((nuint)blockCount * (nuint)blockBytes);
        _free = new int[blockCount];
        // Lowest index on top: the blocks handed out stay the same few, so their pages stay the few that are touched.
        for (int k = 0; k < blockCount; k++) _free[k] = blockCount - 1 - k;
        _freeCount = blockCount;
    }

    public int BlockBytes { get; }

    public int Available => _freeCount;

    public bool TryRent(out int block)
    {
        block = _freeCount > 0 ? _free[--_freeCount] : -1;
        return block >= 0;
    }

    public void Return(int block) => _free[_freeCount++] = block;

    public byte* Block(int block) => _slab + (nint)block * BlockBytes;

    public void Dispose() => NativeMemory.Free(_slab);
}
