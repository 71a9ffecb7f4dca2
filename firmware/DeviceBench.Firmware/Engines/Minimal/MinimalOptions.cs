using DeviceBench.Firmware.Engines.Minimal.Http;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>The minimal engine's limits and memory budget; the defaults suit a 512 MB board serving the benchmark.</summary>
internal sealed record MinimalOptions
{
    public RequestLimits Limits { get; init; } = new();

    /// <summary>A keep-alive connection with no request in progress is closed after this long (silently: RFC 9112 §9.5).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A request head must arrive within this long of its first byte, or 408 and close (slowloris).</summary>
    public TimeSpan HeaderReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing connection keeps draining the peer's unread bytes before it is closed anyway.</summary>
    public TimeSpan LingerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Bytes read per receive, into one buffer per event loop (not per connection). 2 KB holds a pipelined batch of
    /// ~40 benchmark requests; the loop's send batch is sized from it (see <see cref="BatchResponder"/>).
    /// </summary>
    public int ReceiveChunkBytes { get; init; } = 2048;

    /// <summary>Pending-output blocks per event loop, each the size of a send batch: how many peers that stop reading
    /// one loop will hold output for before dropping the next such peer.</summary>
    public int PendingBlocksPerLoop { get; init; } = 64;

    /// <summary>epoll events taken per wait.</summary>
    public int EventsPerWait { get; init; } = 256;
}
