namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>How long the runner waits at each step; the defaults suit loopback and a board on a LAN alike.</summary>
public sealed record CorpusRunSettings
{
    /// <summary>Writing the request and then receiving a first response (or a close) must each finish within this.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>After a response, a server that neither closes nor sends more within this is judged to keep the connection open.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between writes of a one-byte-per-write case, so each byte arrives as its own segment and read.</summary>
    public TimeSpan ByteWriteInterval { get; init; } = TimeSpan.FromMilliseconds(1);
}
