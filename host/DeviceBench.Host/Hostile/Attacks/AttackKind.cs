namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>The hostile-client patterns a server on a board must survive.</summary>
public enum AttackKind
{
    /// <summary>Slowloris: many connections trickle a valid request's header bytes, one byte at a time.</summary>
    Slow,

    /// <summary>Many keep-alive connections make one request each, then sit idle.</summary>
    Idle,

    /// <summary>Connections aborted with RST halfway through a request, or before reading their responses.</summary>
    Reset,
}
