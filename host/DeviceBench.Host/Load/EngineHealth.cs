using System.Text.Json.Serialization;

namespace DeviceBench.Host.Load;

/// <summary>How the load generator itself fared: if it was the bottleneck, the run measured it rather than the server.</summary>
/// <param name="CpuPercent">Process CPU time over the measurement's wall time; 100 = one core busy.</param>
/// <param name="BusyCpuPercent">
/// The load threads' wall time not spent waiting for events, summed (100 = one thread working all the time).
/// Unlike <paramref name="CpuPercent"/> it ignores the polling workers do between events; it decides <paramref name="CpuBound"/>.
/// Not in the JSON yet: bench's run.schema.json embeds this record field for field and would have to learn it first.
/// </param>
/// <param name="RealtimeSends">
/// The open loop's worker threads ran SCHED_FIFO (rates up to 1,000 requests/s per thread, where the process may), so
/// a busy core did not delay their sends by its time slices. Not in the JSON yet, for the same reason as BusyCpuPercent.
/// </param>
/// <param name="CoresAvailable">Cores the process may run on (its affinity mask).</param>
/// <param name="CpuBound">The engine was probably the bottleneck (see <see cref="Warnings"/>).</param>
/// <param name="WorkerAllocatedBytes">Managed allocations on the load threads for the whole run: a constant, never per request.</param>
/// <param name="OpenFileLimit">Soft RLIMIT_NOFILE after the engine raised it; -1 if unknown.</param>
public sealed record EngineHealth(
    double CpuPercent,
    int CoresAvailable,
    bool CpuBound,
    long ConnectionsOpenedAtStart,
    long WorkerAllocatedBytes,
    long OpenFileLimit,
    IReadOnlyList<string> Warnings,
    [property: JsonIgnore] double BusyCpuPercent = 0,
    [property: JsonIgnore] bool RealtimeSends = false);
