using System.Security.Cryptography;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// The key (and password, if any) SSH.NET logs in with, and the host key check every connection to the board goes
/// through. Key files are read here and only here; no message ever carries a secret, only paths.
/// </summary>
internal sealed class SshLogin : IDisposable
{
    private static readonly string[] DefaultIdentities = ["id_ed25519", "id_rsa"];
    private readonly List<IDisposable> _owned = [];

    public SshLogin(SshTarget target, SshBoardOptions options)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string knownHosts = options.KnownHostsFile ?? Path.Combine(home, ".ssh", "known_hosts");
        if (options.HostKeyFingerprint is { } pinned) _ = HostKeyVerifier.Normalize(pinned);
        Verifier = new HostKeyVerifier(target, knownHosts, options.HostKeyFingerprint);
        var methods = new List<AuthenticationMethod>();
        string? identity = options.IdentityFile
            ?? DefaultIdentities.Select(n => Path.Combine(home, ".ssh", n)).FirstOrDefault(File.Exists);
        if (identity is not null) methods.Add(Own(new PrivateKeyAuthenticationMethod(target.User, Own(ReadKey(identity, options.IdentityPassphrase)))));
        if (options.Password is { } password) methods.Add(Own(new PasswordAuthenticationMethod(target.User, password)));
        if (methods.Count == 0)
            throw new ArgumentException("no way to log in to the board: no identity file (--identity, ~/.ssh/id_ed25519, ~/.ssh/id_rsa) and no password");
        Connection = new ConnectionInfo(target.Host, target.Port, target.User, [.. methods]) { Timeout = options.ConnectTimeout };
        IdentityFile = identity;
    }

    public ConnectionInfo Connection { get; }

    public HostKeyVerifier Verifier { get; }

    public string? IdentityFile { get; }

    /// <summary>A connected client of <typeparamref name="TClient"/> whose host key passed <see cref="Verifier"/>.</summary>
    public async Task<TClient> ConnectAsync<TClient>(Func<ConnectionInfo, TClient> create, CancellationToken cancellationToken) where TClient : BaseClient
    {
        var client = create(Connection);
        client.HostKeyReceived += Verifier.OnHostKeyReceived;
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is SshException or IOException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            if (Verifier.Refusal is { } refusal) throw new HostKeyRejectedException(refusal, e);
            throw new IOException($"cannot connect to ssh://{Connection.Username}@{Connection.Host}:{Connection.Port}: {e.Message}", e);
        }
    }

    private static PrivateKeyFile ReadKey(string path, string? passphrase)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"identity file {path} does not exist", path);
        try { return new PrivateKeyFile(path, passphrase); }
        catch (SshPassPhraseNullOrEmptyException e) { throw new IOException($"identity file {path} is encrypted and no passphrase was given", e); }
        catch (Exception e) when (e is SshException or CryptographicException or InvalidOperationException or ArgumentException or FormatException)
        {
            // Not chained: a parser's message could quote key material, and inner exceptions get logged. Say only which file failed.
            throw new IOException($"identity file {path} cannot be read (wrong passphrase, or a key format SSH.NET does not support)");
        }
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_owned)) item.Dispose();
        _owned.Clear();
    }
}
