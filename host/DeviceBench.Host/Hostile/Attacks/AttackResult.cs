namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>What an attack did and what the server did to it; each attack fills the counters that apply to it.</summary>
/// <param name="Opened">Connections established (idle: established and answered, so held).</param>
/// <param name="ConnectFailures">Connects refused, timed out, or (idle) not answered with a complete response.</param>
/// <param name="Completed">Attack requests the server answered in full (slow clients that finished trickling).</param>
/// <param name="ClosedByServer">Connections the server closed or answered 4xx/5xx: a slow client cut off (408) or an idle one dropped.</param>
/// <param name="ResetsMidRequest">Connections aborted with RST after half a request.</param>
/// <param name="ResetsMidResponse">Connections aborted with RST after sending requests, before reading the answers.</param>
public sealed record AttackResult(
    AttackKind Kind,
    long Opened,
    long ConnectFailures,
    long Completed,
    long ClosedByServer,
    long ResetsMidRequest,
    long ResetsMidResponse)
{
    /// <summary>Idle: connections still open when the attack stopped.</summary>
    public long Held => Kind == AttackKind.Idle ? Opened - ClosedByServer : 0;
}
