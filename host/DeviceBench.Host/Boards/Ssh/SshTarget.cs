namespace DeviceBench.Host.Boards.Ssh;

/// <summary>Where <c>ssh://user@host[:port]</c> points. A password in the spec is refused: specs end up in folder names and run records.</summary>
public sealed record SshTarget(string User, string Host, int Port)
{
    public const int DefaultPort = 22;

    /// <summary><c>ssh://user@host[:port]</c>, the board's name in notes and results.</summary>
    public string Name => $"ssh://{User}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}{(Port == DefaultPort ? "" : $":{Port}")}";

    /// <summary>How OpenSSH names this host in known_hosts: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public string KnownHostsName => Port == DefaultPort ? Host.ToLowerInvariant() : $"[{Host.ToLowerInvariant()}]:{Port}";

    public static bool IsSpec(string spec) => spec.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">Not <c>ssh://user@host[:port]</c>; the message never repeats the spec, which might hold a password.</exception>
    public static SshTarget Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        const string Shape = "expected ssh://user@host[:port]";
        if (!IsSpec(spec) || !Uri.TryCreate(spec, UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0)
            throw new ArgumentException($"board spec is not an SSH address: {Shape}");
        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException("board spec carries a password: give it through the environment (DEVICEBENCH_SSH_PASSWORD) so it never lands in results");
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new ArgumentException($"board spec has a path, query or fragment: {Shape}");
        string user = Uri.UnescapeDataString(uri.UserInfo);
        return new SshTarget(user.Length > 0 ? user : Environment.UserName, uri.DnsSafeHost, uri.Port > 0 ? uri.Port : DefaultPort);
    }
}
