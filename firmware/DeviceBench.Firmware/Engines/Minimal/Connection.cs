using System.Runtime.InteropServices;
using DeviceBench.Firmware.Engines.Minimal.Http;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// One connection's whole state, a slot in a <see cref="ConnectionTable"/>: no object and no buffer per connection,
/// so an idle keep-alive connection costs this struct (136 bytes on x64) and its kernel socket, nothing else.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct Connection
{
    public RequestParser Parser;
    public int Fd;
    public uint Generation;
    public ConnectionPhase Phase;
    public bool CloseAfterFlush;

    /// <summary>Last byte received or sent (idle and stalled-peer timeouts).</summary>
    public long LastActivityMillis;

    /// <summary>When the current request head started (header-read timeout), or lingering began.</summary>
    public long PhaseStartMillis;

    /// <summary>Pending-output block index in the loop's <see cref="BlockPool"/>, or -1.</summary>
    public int PendingBlock;
    public int PendingOffset;
    public int PendingLength;

    /// <summary>Next free slot while this one is free.</summary>
    public int NextFree;
}
