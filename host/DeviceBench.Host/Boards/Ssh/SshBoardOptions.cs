namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// How to reach and trust a board over SSH. Secrets (<see cref="Password"/>, <see cref="IdentityPassphrase"/>) are
/// only handed to SSH.NET: nothing here is ever written to notes, events or results, and <see cref="ToString"/> hides them.
/// </summary>
public sealed record SshBoardOptions
{
    /// <summary>Private key file; null tries <c>~/.ssh/id_ed25519</c>, then <c>~/.ssh/id_rsa</c>.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>Passphrase of an encrypted <see cref="IdentityFile"/>.</summary>
    public string? IdentityPassphrase { get; init; }

    /// <summary>For boards that only take passwords (a fresh Raspberry Pi OS image); tried after the key.</summary>
    public string? Password { get; init; }

    /// <summary>OpenSSH known_hosts file the host key must be in; null is <c>~/.ssh/known_hosts</c>.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>The board's pinned host key fingerprint, <c>SHA256:…</c> as <c>ssh-keygen -lf</c> prints it; replaces known_hosts.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>A UART adapter on THIS machine wired to the board (<c>/dev/ttyUSB0</c>); null streams the report lines over SSH.</summary>
    public string? HostSerialDevice { get; init; }

    public int HostSerialBaud { get; init; } = 115200;

    /// <summary>The board's end of that wire, which contenders write to (<c>/dev/serial0</c> is the Raspberry Pi's GPIO UART).</summary>
    public string BoardSerialDevice { get; init; } = "/dev/serial0";

    /// <summary>Where on the board artifacts are cached and contenders run; null is <c>$HOME/.devicebench</c>.</summary>
    public string? RemoteDirectory { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public override string ToString() =>
        $"SshBoardOptions {{ IdentityFile = {IdentityFile}, KnownHostsFile = {KnownHostsFile}, HostKeyFingerprint = {HostKeyFingerprint}, " +
        $"HostSerialDevice = {HostSerialDevice}, BoardSerialDevice = {BoardSerialDevice}, RemoteDirectory = {RemoteDirectory}, secrets hidden }}";
}
