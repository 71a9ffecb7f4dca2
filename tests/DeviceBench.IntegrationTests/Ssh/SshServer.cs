using System.Diagnostics;
using System.Net.Sockets;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Ssh;

/// <summary>
/// A real OpenSSH server on a free loopback port, playing the board: its own host key and an authorized client key
/// made with ssh-keygen in a temp folder, password logins off. Needs root (sshd's privilege separation) and the
/// openssh-server package.
/// </summary>
public sealed class SshServer : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly Process _sshd;
    private readonly List<string> _log = [];
    private int _folders;

    public SshServer()
    {
        if (!File.Exists(Sshd)) throw new InvalidOperationException($"{Sshd} is missing: apt-get install openssh-server (scripts/setup.sh)");
        Folder = Directory.CreateTempSubdirectory("devicebench-ssh").FullName;
        HostKey = Path.Combine(Folder, "host_ed25519");
        ClientKey = Path.Combine(Folder, "client_ed25519");
        OtherKey = Path.Combine(Folder, "other_ed25519");
        Keygen("-t", "ed25519", "-N", "", "-C", "board", "-f", HostKey);
        Keygen("-t", "ed25519", "-N", "", "-C", "impostor", "-f", OtherKey);
        Keygen("-t", "ed25519", "-N", "", "-C", "bench", "-f", ClientKey);
        File.Copy(ClientKey + ".pub", Path.Combine(Folder, "authorized_keys"));
        HostFingerprint = Keygen("-l", "-E", "sha256", "-f", HostKey + ".pub").Split(' ')[1];
        Port = FreePort.Next();
        string config = Path.Combine(Folder, "sshd_config");
        File.WriteAllLines(config,
        [
            $"Port {Port}", "ListenAddress 127.0.0.1", $"HostKey {HostKey}", $"AuthorizedKeysFile {Folder}/authorized_keys",
            "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "StrictModes no", "UsePAM no",
            $"PidFile {Folder}/sshd.pid", "Subsystem sftp internal-sftp", "MaxSessions 32",
        ]);
        Directory.CreateDirectory("/run/sshd");
        _sshd = Process.Start(new ProcessStartInfo(Sshd, ["-D", "-e", "-f", config]) { UseShellExecute = false, RedirectStandardError = true })!;
        _sshd.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.Add(e.Data); };
        _sshd.BeginErrorReadLine();
        WaitForPort();
    }

    public string Folder { get; }
    public int Port { get; }
    public string HostKey { get; }
    public string ClientKey { get; }

    /// <summary>A key pair that is not the server's: what an impostor would present.</summary>
    public string OtherKey { get; }

    /// <summary><c>SHA256:…</c> of the host key as ssh-keygen prints it.</summary>
    public string HostFingerprint { get; }

    /// <summary>What sshd logged so far (-e: to stderr), e.g. <c>Accepted publickey for root from 127.0.0.1 port 40012</c>.</summary>
    public List<string> LogLines()
    {
        lock (_log) return [.. _log];
    }

    public string Spec => $"ssh://{Environment.UserName}@127.0.0.1:{Port}";

    /// <summary>A board folder of its own (artifact cache and work folders), so tests do not see each other's files.</summary>
    public string NewRemoteRoot() => Path.Combine(Folder, $"board-{Interlocked.Increment(ref _folders)}");

    /// <summary>The board folder tests share when they only need artifacts deployed once.</summary>
    public string SharedRemoteRoot => Path.Combine(Folder, "board-shared");

    /// <summary>Options that trust this server through a known_hosts file listing <paramref name="publicKeyFile"/> (default: its real key).</summary>
    public SshBoardOptions Options(string? remoteRoot = null, bool hashed = false, string? publicKeyFile = null) => new()
    {
        IdentityFile = ClientKey, KnownHostsFile = KnownHosts(hashed, publicKeyFile), RemoteDirectory = remoteRoot ?? SharedRemoteRoot,
    };

    /// <summary>A known_hosts file naming <c>[127.0.0.1]:port</c> with a key, in plain or hashed form (ssh-keygen -H, as ssh writes it by default).</summary>
    public string KnownHosts(bool hashed, string? publicKeyFile = null)
    {
        string[] key = File.ReadAllText(publicKeyFile ?? HostKey + ".pub").Split(' ');
        string[] decoy = File.ReadAllText(OtherKey + ".pub").Split(' ');
        string path = Path.Combine(Folder, $"known_hosts-{Guid.NewGuid():N}");
        // Other hosts' lines around it, as in a real file: only the line for this host and port may count.
        File.WriteAllLines(path, ["# made by the test", $"127.0.0.1,otherhost {decoy[0]} {decoy[1]}", $"[127.0.0.1]:{Port} {key[0]} {key[1]}",
            $"[127.0.0.1]:{Port + 1} {decoy[0]} {decoy[1]}"]);
        if (hashed)
        {
            Keygen("-H", "-f", path);
            File.Delete(path + ".old");
        }
        return path;
    }

    /// <summary>Runs ssh-keygen, returning its output.</summary>
    public static string Keygen(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", .. args]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"ssh-keygen {string.Join(' ', args)}: {errors}");
    }

    private void WaitForPort()
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_sshd.HasExited) throw new InvalidOperationException($"sshd exited: {string.Join('\n', LogLines())}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10)) { Thread.Sleep(20); }
        }
    }

    public void Dispose()
    {
        if (!_sshd.HasExited) _sshd.Kill();
        // Not WaitForExit(): that also waits for stderr's end, which sessions still open (a failed test's board) hold.
        _sshd.WaitForExit(5000);
        _sshd.Dispose();
        // A test that failed before disposing its board leaves contenders running from the temp folder: end them here.
        foreach (string process in BoardProcesses.Mentioning(Folder))
        {
            try { Process.GetProcessById(int.Parse(process.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture)).Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        Directory.Delete(Folder, recursive: true);
    }
}
