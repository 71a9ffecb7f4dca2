using DeviceBench.Host.Load;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Bench;

/// <summary>
/// One step of the connection ladder: <paramref name="Connections"/> keep-alive connections held open while the
/// ladder's modest open-loop rate is spread over them. <paramref name="Load"/> is absent, and <paramref name="Failure"/>
/// says why, when the step could not be held (file limits, the contender crashed or stopped answering).
/// </summary>
/// <param name="Memory">The board's last STAT during the step: memory while holding the connections.</param>
/// <param name="BytesPerConnection">RSS above the 1-connection step's, over the connections added; absent without both figures.</param>
/// <param name="BoardConnections">The most open connections the board reported during the step: a connection the load
/// generator opened is not held until it reaches the server (an emulated board's slirp forwards them slowly).</param>
public sealed record LadderStep(int Connections, double Rate, LoadResult? Load, string? HlogFile, MemoryFigures? Memory, double? BytesPerConnection, string? Failure,
    long? BoardConnections = null);
