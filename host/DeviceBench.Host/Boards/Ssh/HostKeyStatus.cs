namespace DeviceBench.Host.Boards.Ssh;

/// <summary>What known_hosts says about a host key.</summary>
internal enum HostKeyStatus
{
    /// <summary>No entry names the host.</summary>
    Unknown,

    /// <summary>An entry names the host with exactly this key.</summary>
    Trusted,

    /// <summary>Entries name the host, none with this key: a reinstalled board, or someone in between.</summary>
    Mismatch,

    /// <summary>The key is listed under <c>@revoked</c>.</summary>
    Revoked,
}
