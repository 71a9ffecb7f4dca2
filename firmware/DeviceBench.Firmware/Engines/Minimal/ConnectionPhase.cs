namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>Where a connection slot is in its life.</summary>
internal enum ConnectionPhase : byte
{
    Free,

    /// <summary>Reading requests (idle, mid-head or mid-body: the parser says which).</summary>
    Open,

    /// <summary>The peer is not reading: unsent output waits in a pending block and reading is paused.</summary>
    Flushing,

    /// <summary>Our side is shut down after a final response; reading and discarding until the peer closes, so unread
    /// bytes do not make the kernel send a reset that could destroy that response (RFC 9112 §9.6).</summary>
    Lingering,
}
