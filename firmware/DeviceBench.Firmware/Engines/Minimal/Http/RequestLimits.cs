namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>What a request may weigh before the parser refuses it; each limit has its own status code.</summary>
internal sealed record RequestLimits
{
    /// <summary>414 past this (RFC 9112 §3 asks servers to take request-lines of at least 8,000 octets).</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>431 past this many bytes of header section (field lines and the empty line ending it).</summary>
    public int MaxHeaderBytes { get; init; } = 8 * 1024;

    /// <summary>431 past this many field lines.</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>413 for a Content-Length above this; smaller bodies are read and discarded.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>501 for a longer method: RFC 9112 §3, "longer than any that it implements".</summary>
    public int MaxMethodBytes { get; init; } = 32;
}
