using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// A real board reached over SSH (<c>ssh://user@host[:port]</c>): its host key checked against known_hosts or a pinned
/// fingerprint, artifacts of its architecture (<c>uname -m</c>) deployed atomically, contenders started detached and
/// pinned with taskset (memory capped in a systemd-run scope where the board can), report lines either streamed back
/// over SSH from the contenders' stdout or read from a UART adapter on this machine. See README.md beside this file.
/// </summary>
public sealed partial class SshBoard : IBoard
{
    private const int FirstPort = 18_000;
    private readonly SshTarget _target;
    private readonly SshLogin _login;
    private readonly SshClient _client;
    private readonly RemoteShell _shell;
    private readonly BoardFacts _facts;
    private readonly ReportLineSource _report;
    private readonly List<SshContender> _contenders = [];
    private string? _deployed;
    private int _started;
    private int _disposed;

    private SshBoard(SshTarget target, SshLogin login, SshClient client, BoardFacts facts, BoardProfile profile, string remoteRoot, string workDirectory,
        ReportLineSource report, IReadOnlyList<string> notes)
    {
        _target = target;
        _login = login;
        _client = client;
        _shell = new RemoteShell(client);
        _facts = facts;
        Profile = profile;
        RemoteRoot = remoteRoot;
        WorkDirectory = workDirectory;
        _report = report;
        Notes = notes;
    }

    public string Name => _target.Name;

    public string Architecture => _facts.Architecture;

    public BoardProfile Profile { get; }

    public IReadOnlyList<string> Notes { get; }

    public ChannelReader<string> ReportLines => _report.Lines;

    /// <summary>Times the host's UART adapter went away and came back (the gap's lines are lost, the session is not).</summary>
    public int SerialReconnects => _report.Reconnects;

    /// <summary>Why the UART adapter is not open right now; null while it is, or when lines come over SSH.</summary>
    public string? SerialProblem => _report.Problem;

    /// <summary>The board folder that holds the artifact cache (<c>&lt;set id&gt;/</c>) and this session's work folder.</summary>
    public string RemoteRoot { get; }

    /// <summary>This session's folder on the board (contender output, the report log); removed on dispose.</summary>
    public string WorkDirectory { get; }

    /// <summary>What the last <see cref="DeployAsync"/> copied and kept; null before one completed.</summary>
    public DeployReport? LastDeploy { get; private set; }

    public Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken) => Remote(async () =>
    {
        var files = ArtifactFile.ReadSet(Path.GetFullPath(Path.Combine(artifactsDirectory, Architecture)), Architecture);
        _deployed = null;
        LastDeploy = await RemoteDeployer.DeployAsync(_shell, ct => _login.ConnectAsync(c => new SftpClient(c), ct), RemoteRoot, files, cancellationToken)
            .ConfigureAwait(false);
        _deployed = LastDeploy.RemoteDirectory;
        return true;
    });

    public Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken) => Remote<IRunningContender>(async () =>
    {
        ArgumentNullException.ThrowIfNull(launch);
        string deployed = _deployed ?? throw new InvalidOperationException(
            "nothing is deployed on the board: DeployAsync must finish first (a partly copied artifact set is never started)");
        var command = launch.Command.Select(a => a.Replace("{dir}", deployed, StringComparison.Ordinal)
            .Replace("{serial}", _report.BoardTarget, StringComparison.Ordinal));
        string name = $"{launch.Name}-{Interlocked.Increment(ref _started)}";
        var contender = await SshContender.StartAsync(_shell, WorkDirectory, name, [.. LimitsPrefix(), .. command], _report.OutputPath(name), cancellationToken)
            .ConfigureAwait(false);
        lock (_contenders) _contenders.Add(contender);
        return contender;
    });

    /// <summary>
    /// The usual 18000 + session port, moved up past any port the board already has open (sshd's forwards, another
    /// service, a contender of a run that was cut off); the range stays fixed so a firewall rule can let it through.
    /// </summary>
    public int PickPort(int session)
    {
        HashSet<int> taken;
        try
        {
            // /proc/net/tcp{,6}: "sl local_address ..." with the port as the hex after the colon; any state counts.
            using var command = _client.RunCommand(RemoteShell.Command("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk 'NR > 1 { split($2, a, \":\"); print a[2] }'"));
            taken = [.. command.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => int.TryParse(h.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int p) ? p : -1)];
        }
        catch (Exception e) when (e is SshException or SocketException or InvalidOperationException or ObjectDisposedException)
        {
            taken = [];
        }
        for (int step = 0; step < 1000; step++)
            if (!taken.Contains(FirstPort + (session + step) % 1000)) return FirstPort + (session + step) % 1000;
        return FirstPort + session % 1000;
    }

    public Uri ServerUri(int port) => new UriBuilder(Uri.UriSchemeHttp, _target.Host, port, "/").Uri;

    public Task<BoardCard?> DescribeAsync(CancellationToken cancellationToken) => Remote(async () =>
    {
        string probe = await _shell.RunCheckedAsync(BoardCard.ProbeScript, "reading the board's /proc", cancellationToken).ConfigureAwait(false);
        return (BoardCard?)BoardCard.Parse(probe, $"{Name}: contender CPUs {BoardProfile.FormatCpuList(Profile.ContenderCpus)}, "
            + (Profile.MemoryCapBytes is { } cap ? $"memory cap {cap >> 20} MiB" : "no memory cap"), emulated: false);
    });

    public Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken) => Remote(async () =>
    {
        var (_, output, _) = await _shell.RunAsync("cat /sys/class/thermal/thermal_zone0/temp 2>/dev/null", cancellationToken).ConfigureAwait(false);
        return long.TryParse(output.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long mc) ? mc : (long?)null;
    });

    /// <summary>The board applies what it has: a memory-capped scope (systemd-run), then the CPU set (taskset), then the contender.</summary>
    private IEnumerable<string> LimitsPrefix()
    {
        if (_facts.ScopeCommand is { } scope && Profile.MemoryCapBytes is { } cap)
            foreach (string word in (string[])[.. scope.Split(' '), "--scope", "--quiet", "-p", $"MemoryMax={cap.ToString(CultureInfo.InvariantCulture)}", "-p", "MemorySwapMax=0", "--"])
                yield return word;
        if (_facts.HasTaskset)
            foreach (string word in new[] { "taskset", "-c", BoardProfile.FormatCpuList(Profile.ContenderCpus) })
                yield return word;
    }

    /// <summary>SSH.NET's own exceptions become <see cref="IOException"/>s: the bench records those as a failed run instead of crashing.</summary>
    private async Task<T> Remote<T>(Func<Task<T>> action)
    {
        try { return await action().ConfigureAwait(false); }
        catch (Exception e) when (e is SshException or SocketException)
        {
            throw new IOException($"{Name}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        SshContender[] started;
        lock (_contenders) started = [.. _contenders];
        foreach (var contender in started) await contender.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _shell.RunAsync($"{_report.StopScript}\nrm -rf -- {RemoteShell.Quote(WorkDirectory)}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The board is out of reach: its work folder, and whatever still runs from it, is left for a cleanup by hand.
        }
        _report.Dispose();
        if (_client.IsConnected) _client.Disconnect();
        _client.Dispose();
        _login.Dispose();
    }

    private static string NewWorkName() => $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
}
