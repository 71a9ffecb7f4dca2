using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Decides SSH.NET's <c>HostKeyReceived</c>: trust a key only when it equals the pinned SHA256 fingerprint or is this
/// host's entry in known_hosts. Anything else is refused, and <see cref="Refusal"/> says which key arrived and how to
/// trust it on purpose — a board is never trusted just because it answered.
/// </summary>
internal sealed class HostKeyVerifier(SshTarget target, string knownHostsPath, string? pinnedFingerprint)
{
    public string? Refusal { get; private set; }

    /// <summary>The key accepted and by what, for the board's notes: <c>ssh-ed25519 SHA256:… (known_hosts line 3)</c>.</summary>
    public string? Accepted { get; private set; }

    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        string received = $"{e.HostKeyName} SHA256:{e.FingerPrintSHA256}";
        string name = target.KnownHostsName;
        string howToTrust = $"If that is the board's key (check on the board: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), pin it with " +
            $"--host-key SHA256:{e.FingerPrintSHA256} or add it to {knownHostsPath} (ssh -p {target.Port} {target.User}@{target.Host} once, answering yes after checking it).";
        if (pinnedFingerprint is not null)
        {
            e.CanTrust = string.Equals(Normalize(pinnedFingerprint), e.FingerPrintSHA256, StringComparison.Ordinal);
            if (e.CanTrust) Accepted = $"{received} (pinned)";
            else Refusal = $"host key of {name} does not match the pinned fingerprint: received {received}, pinned SHA256:{Normalize(pinnedFingerprint)}; " +
                $"refusing to connect. {howToTrust}";
            return;
        }
        var (status, line) = KnownHosts.Load(knownHostsPath).Check(name, e.HostKey);
        e.CanTrust = status == HostKeyStatus.Trusted;
        if (e.CanTrust) Accepted = $"{received} ({knownHostsPath} line {line})";
        else Refusal = status switch
        {
            HostKeyStatus.Mismatch => $"HOST KEY MISMATCH for {name}: received {received}, but {knownHostsPath} line {line} holds a different key. " +
                $"Someone may be intercepting the connection, or the board was reinstalled; refusing to connect. After a reinstall, remove the old entry " +
                $"(ssh-keygen -R '{name}' -f {knownHostsPath}). {howToTrust}",
            HostKeyStatus.Revoked => $"host key {received} of {name} is revoked in {knownHostsPath} line {line}; refusing to connect",
            _ => $"host key of {name} is not known: received {received}, which {knownHostsPath} does not list; refusing to connect. {howToTrust}",
        };
    }

    /// <summary>Accepts <c>SHA256:x</c> or bare <c>x</c>, with or without base64 padding, as ssh-keygen and SSH.NET print them.</summary>
    public static string Normalize(string fingerprint)
    {
        string bare = fingerprint.Trim();
        if (bare.StartsWith("SHA256:", StringComparison.Ordinal)) bare = bare["SHA256:".Length..];
        else if (bare.StartsWith("MD5:", StringComparison.OrdinalIgnoreCase) || bare.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException("pin the host key by its SHA256 fingerprint (SHA256:…, as ssh-keygen -lf prints it), not MD5");
        return bare.TrimEnd('=');
    }
}
