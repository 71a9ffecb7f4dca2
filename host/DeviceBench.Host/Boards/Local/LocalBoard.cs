using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace DeviceBench.Host.Boards.Local;

/// <summary>
/// This machine as a board: contenders run as local processes pinned to the profile's CPUs, memory capped through
/// cgroups where usable, reporting over a real pseudo-terminal. The load generator runs on the remaining CPUs.
/// </summary>
public sealed class LocalBoard : IBoard
{
    private readonly PseudoTerminal _pty = new();
    private readonly CgroupLimits _limits;
    private string _artifacts = "";

    public LocalBoard(BoardProfile profile)
    {
        Profile = profile;
        _limits = CgroupLimits.Create($"{Environment.ProcessId}", profile);
        Notes = [_limits.Description, $"load generator on CPUs {BoardProfile.FormatCpuList(profile.LoadCpus)}", $"serial: pseudo-terminal {_pty.DevicePath}"];
    }

    public string Name => "local";

    public string Architecture => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64";

    public BoardProfile Profile { get; }

    public IReadOnlyList<string> Notes { get; }

    public ChannelReader<string> ReportLines => _pty.Lines;

    /// <summary>The pseudo-terminal the contenders report on (what <c>{serial}</c> becomes).</summary>
    public string SerialDevice => _pty.DevicePath;

    public Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken)
    {
        _artifacts = Path.GetFullPath(Path.Combine(artifactsDirectory, Architecture));
        if (!File.Exists(Path.Combine(_artifacts, "manifest.tsv")))
            throw new FileNotFoundException($"{_artifacts}/manifest.tsv is missing: run scripts/build.sh {Architecture} first");
        return Task.CompletedTask;
    }

    public Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken)
    {
        var command = launch.Command.Select(a => a.Replace("{dir}", _artifacts, StringComparison.Ordinal)
            .Replace("{serial}", _pty.DevicePath, StringComparison.Ordinal)).ToList();
        return Task.FromResult<IRunningContender>(LocalContender.Start(_limits.WrapCommand(command, Profile.ContenderCpus)));
    }

    /// <summary>A port free on this machine now: a fixed range could be taken by anything else running here.</summary>
    public int PickPort(int session)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public Uri ServerUri(int port) => new($"http://127.0.0.1:{port}/");

    public async Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken)
    {
        try
        {
            string text = await File.ReadAllTextAsync("/sys/class/thermal/thermal_zone0/temp", cancellationToken).ConfigureAwait(false);
            return long.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out long mc) ? mc : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public Task<BoardCard?> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult<BoardCard?>(BoardCard.OfThisMachine(
        $"local: contender CPUs {BoardProfile.FormatCpuList(Profile.ContenderCpus)}, load generator CPUs {BoardProfile.FormatCpuList(Profile.LoadCpus)}, "
        + (Profile.MemoryCapBytes is { } cap ? $"memory cap {cap >> 20} MiB" : "no memory cap")));

    public ValueTask DisposeAsync()
    {
        _limits.Dispose();
        _pty.Dispose();
        return ValueTask.CompletedTask;
    }
}
