using System.Net;

namespace DeviceBench.Firmware.Engines;

/// <summary>What every engine is told: where to listen and how many event loops (threads) to run.</summary>
/// <param name="Threads">Worker threads / event loops; defaults to the board's cores.</param>
internal sealed record EngineOptions(IPAddress Address, int Port, int Threads)
{
    /// <summary>Connections an engine accepts before refusing more; bounds memory on a small board.</summary>
    public int MaxConnections { get; init; } = 16_384;
}
