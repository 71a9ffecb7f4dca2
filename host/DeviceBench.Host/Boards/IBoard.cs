using System.Threading.Channels;

namespace DeviceBench.Host.Boards;

/// <summary>
/// Where contenders run: this machine, a real board over SSH, an emulated one. A board deploys the artifacts of its
/// architecture, starts a contender's command line, carries the board's report lines back, and says which limits
/// (CPU set, memory cap) it could really apply.
/// </summary>
public interface IBoard : IAsyncDisposable
{
    /// <summary><c>local</c>, <c>ssh://pi@raspberrypi</c>, <c>qemu:pi4</c>.</summary>
    string Name { get; }

    /// <summary><c>x64</c> or <c>arm64</c>: which artifacts folder it runs.</summary>
    string Architecture { get; }

    BoardProfile Profile { get; }

    /// <summary>What the board could and could not apply (cgroup version, caps, pinning), in plain words for the report.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Report lines as the board sends them, noise included; completes when the line is gone for good.</summary>
    ChannelReader<string> ReportLines { get; }

    /// <summary>Copies the artifacts of <see cref="Architecture"/> where the board runs them.</summary>
    Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken);

    /// <summary>Starts one contender. Placeholders in the command: <c>{dir}</c> the deployed artifacts, <c>{serial}</c> the board's report device.</summary>
    Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken);

    /// <summary>The port the <paramref name="session"/>-th contender listens on (boards that forward a fixed range keep the default).</summary>
    int PickPort(int session) => 18_000 + session % 1000;

    /// <summary>
    /// The one contender flashed on the board out of band (a microcontroller), which the host neither deploys nor
    /// starts; null for a board that runs the contenders from the artifacts.
    /// </summary>
    string? FlashedContender => null;

    /// <summary>How the host reaches a server listening on <paramref name="port"/> on the board.</summary>
    Uri ServerUri(int port);

    /// <summary>
    /// The board card (CPU, cores, RAM, kernel, profile), read on the board once it is deployed; null when the board
    /// cannot say (the default, for boards that have no shell to ask).
    /// </summary>
    Task<BoardCard?> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult<BoardCard?>(null);

    /// <summary>The board's CPU temperature in m°C now, or null without a sensor (used to cool down between contenders).</summary>
    Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken);
}
