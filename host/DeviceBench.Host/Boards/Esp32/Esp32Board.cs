using System.Globalization;
using System.Threading.Channels;
using DeviceBench.Host.Serial;

namespace DeviceBench.Host.Boards.Esp32;

/// <summary>
/// An ESP32 running the nanoFramework firmware (firmware/DeviceBench.NanoFramework), flashed out of band: the host
/// deploys and starts nothing, reads the board's report lines from a serial device on this host (reopened if
/// unplugged), and drives load at the board's address. Memory is the board's heap, never RSS.
/// </summary>
public sealed class Esp32Board : IBoard
{
    /// <summary>The one contender an ESP32 board runs.</summary>
    public const string Contender = "nanoframework";

    private readonly Esp32Target _target;
    private readonly ReconnectingSerialPort _serial;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    /// <param name="socketCap">The device's socket limit (16 on ESP32, 8 on ESP32-C3 with nanoFramework's sdkconfig), for the notes.</param>
    /// <exception cref="IOException">The serial device cannot be opened.</exception>
    public Esp32Board(Esp32Target target, BoardProfile profile, int socketCap, int connections)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        Profile = profile;
        _serial = new ReconnectingSerialPort(target.SerialDevice);
        try { _serial.Open(); }
        catch
        {
            _serial.Dispose();
            throw;
        }
        _pump = _serial.PumpAsync(_lines.Writer, _stop.Token);
        Notes =
        [
            $"ESP32 flashed out of band with the nanoFramework firmware at {target.ServerUri}: the host deploys, starts and stops nothing, "
                + $"and READY is the board's boot baseline (repeated every 10 STATs for a host that attaches later)",
            $"serial: {target.SerialDevice} at 115200 baud (the board's COM2)",
            $"microcontroller profile: {connections.ToString(CultureInfo.InvariantCulture)} connections within the board's socket cap of "
                + $"{socketCap.ToString(CultureInfo.InvariantCulture)} (one is the listener, one is kept spare)",
            "memory is the managed heap and the native heap free (nanoFramework), not RSS: RSS columns stay empty",
            "Rust (esp-idf-svc) and Go (TinyGo) on ESP32 are not part of this build: neither toolchain is packaged by Debian, "
                + "so they cannot be built offline here, and an ESP32 runs one firmware at a time, flashed by hand",
        ];
    }

    public string Name => _target.Name;

    /// <summary>No artifacts folder: the firmware is built and flashed with nanoFramework's tools, not scripts/build.sh.</summary>
    public string Architecture => "esp32";

    public BoardProfile Profile { get; }

    public IReadOnlyList<string> Notes { get; }

    public ChannelReader<string> ReportLines => _lines.Reader;

    public string? FlashedContender => Contender;

    public Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <exception cref="ArgumentException">A contender other than the flashed firmware.</exception>
    public Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Name != Contender) throw new ArgumentException($"an ESP32 board runs only {Contender}, not {launch.Name}");
        return Task.FromResult<IRunningContender>(new FlashedContender());
    }

    public int PickPort(int session) => _target.Port;

    public Uri ServerUri(int port) => _target.ServerUri;

    /// <summary>The firmware reports no temperature (nanoFramework exposes no ESP32 sensor API): no cooling wait.</summary>
    public Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        // A read in progress returns within the port's read timeout; then the port is closed under no one.
        await Task.WhenAny(_pump, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
        _serial.Dispose();
        _stop.Dispose();
    }
}
