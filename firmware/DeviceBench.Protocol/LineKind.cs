namespace DeviceBench.Protocol;

/// <summary>What a received line turned out to be.</summary>
public enum LineKind
{
    /// <summary>No <c>#DB1 </c> prefix: boot log or other output sharing the UART; skipped.</summary>
    Noise,
    /// <summary>Prefix present but the CRC or the syntax is wrong (bit flips, truncation); counted and dropped.</summary>
    Corrupt,
    /// <summary>A well-formed line with a matching CRC.</summary>
    Valid,
}
