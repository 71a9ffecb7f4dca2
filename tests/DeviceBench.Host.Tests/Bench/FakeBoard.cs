using System.Threading.Channels;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Tests.Reports;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Tests.Bench;

/// <summary>A board in memory: a started contender sends READY down the serial line and END when stopped, as a real board's would.</summary>
internal sealed class FakeBoard : IBoard
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(1024);

    /// <summary>Thrown by <see cref="DeployAsync"/>, for a fault the bench does not expect.</summary>
    public Exception? DeployFault { get; init; }

    /// <summary>Where every contender "listens": a real test server on loopback, for phases that need answers.</summary>
    public Uri? Server { get; init; }

    public string Name => "fake";

    public string Architecture => "x64";

    /// <summary>Two contender CPUs: a contender's default worker count (one per CPU) is then not the 1 of a one-CPU board.</summary>
    public BoardProfile Profile { get; } = new([0, 1], [0], null);

    public IReadOnlyList<string> Notes { get; } = [];

    public ChannelReader<string> ReportLines => _lines.Reader;

    public Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken) =>
        DeployFault is null ? Task.CompletedTask : Task.FromException(DeployFault);

    /// <summary>Every contender the bench started, in order, as it asked for it.</summary>
    public List<ContenderLaunch> Launches { get; } = [];

    public Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken)
    {
        Launches.Add(launch);
        return Task.FromResult<IRunningContender>(new Contender(_lines.Writer));
    }

    public Uri ServerUri(int port) => Server ?? new($"http://127.0.0.1:{port}/");

    public Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private sealed class Contender(ChannelWriter<string> lines) : IRunningContender
    {
        private readonly Task _ready = lines.WriteAsync(new ReadyRecord(4242, 18000, 5, RunBuilder.Memory(4 * RunBuilder.MiB), 1).ToLine().ToString()).AsTask();
        private bool _stopped;

        public bool HasExited => false;

        public async Task<int?> StopAsync(TimeSpan grace)
        {
            await _ready;
            if (!_stopped) await lines.WriteAsync(new EndRecord("signal", 0, 1000, null, 4 * RunBuilder.MiB).ToLine().ToString());
            _stopped = true;
            return 0;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
