using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// An emulated arm64 board: <c>qemu-system-aarch64 -M virt -cpu cortex-a72</c> booting Debian's arm64 kernel and an
/// initramfs the host assembles (<see cref="GuestImage"/>). It boots once in <see cref="DeployAsync"/>; contenders
/// start and stop through a control channel on a forwarded port, their ports are forwarded from free host ports as
/// they start (see <see cref="ServerUri"/>), the PL011 UART is the serial line and the PL061 is the GPIO chip.
/// QEMU dies with this object, and with the host process too: a watcher shell kills it within a second of the
/// host's pid disappearing.
/// </summary>
public sealed class QemuBoard : IBoard
{
    private const string Emulator = "qemu-system-aarch64";
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(120);
    private readonly string _runtime = Directory.CreateTempSubdirectory("devicebench-qemu-").FullName;
    private readonly UartSocket _uart;
    private readonly ConcurrentQueue<string> _emulatorErrors = new();
    private readonly ConcurrentDictionary<int, int> _hostPorts = new();
    private readonly QemuProfile _qemu;
    private Process? _process;
    private QmpClient? _qmp;
    private GuestControl? _control;
    private int _nextContender;

    public QemuBoard(QemuProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _qemu = profile;
        _uart = new UartSocket(Path.Combine(_runtime, "uart.sock"));
        Profile = new BoardProfile([.. Enumerable.Range(0, profile.Cores)], [.. Enumerable.Range(0, Environment.ProcessorCount)], profile.MemoryBytes);
        Notes =
        [
            $"emulated board {Name}: {Emulator} -M virt -cpu cortex-a72, {profile.Cores} vCPUs, {profile.MemoryBytes >> 20} MiB RAM, Debian arm64 kernel",
            "throughput and latency under QEMU's TCG emulation are NOT a real board's: compare memory figures; treat req/s and latency as relative at best",
            $"the {profile.Cores} vCPU threads share this host's {Environment.ProcessorCount} CPUs with the load generator",
            $"serial: the guest's PL011 UART ({GuestFiles.SerialDevice}) on a unix socket; GPIO: the PL061 as gpiochip0",
        ];
    }

    public string Name => $"qemu:{_qemu.Name}";

    public string Architecture => "arm64";

    public BoardProfile Profile { get; }

    public IReadOnlyList<string> Notes { get; }

    public ChannelReader<string> ReportLines => _uart.Lines;

    /// <summary>The process that owns QEMU (a watcher shell whose child it is), while it runs.</summary>
    public int? EmulatorProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>This board's sockets folder; every QEMU process it starts names it on its command line.</summary>
    public string RuntimeDirectory => _runtime;

    private bool EmulatorAlive => _process is { HasExited: false };

    public async Task DeployAsync(string artifactsDirectory, CancellationToken cancellationToken)
    {
        if (_process is not null) throw new InvalidOperationException($"{Name} is already booted");
        string bootLine = new BootRecord("qemu", "board", Name, 1, Architecture, _qemu.Cores, _qemu.MemoryBytes).ToLine().ToString();
        var image = await GuestImage.BuildAsync(Path.GetFullPath(artifactsDirectory), bootLine, Path.Combine(_runtime, "image"), cancellationToken).ConfigureAwait(false);
        if (FindOnPath(Emulator) is null) throw new IOException($"{Emulator} is not installed: {ExternalTool.SetupHint}");
        _control = new GuestControl(FreeLoopbackPort());
        _uart.Start();
        _process = StartEmulator(image, _control.HostPort);
        try
        {
            _qmp = await ConnectQmpAsync(cancellationToken).ConfigureAwait(false);
            if (!await _control.WaitUntilUpAsync(BootTimeout, () => EmulatorAlive, cancellationToken).ConfigureAwait(false))
                throw new IOException($"{Name} did not come up within {BootTimeout.TotalSeconds:0} s{EmulatorErrors()}");
        }
        catch
        {
            await StopEmulatorAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IRunningContender> StartAsync(ContenderLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (_control is null || _qmp is null || !EmulatorAlive) throw new InvalidOperationException($"{Name} is not running: deploy first");
        await ForwardAsync(launch.Port, cancellationToken).ConfigureAwait(false);
        var command = launch.Command.Select(a => a.Replace("{dir}", GuestFiles.ArtifactsPath, StringComparison.Ordinal)
            .Replace("{serial}", GuestFiles.SerialDevice, StringComparison.Ordinal)).ToList();
        string id = Interlocked.Increment(ref _nextContender).ToString(CultureInfo.InvariantCulture);
        return await QemuContender.StartAsync(_control, id, command, () => EmulatorAlive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The loopback port forwarded to the guest's <paramref name="port"/> when its contender started.</summary>
    public Uri ServerUri(int port) => new($"http://127.0.0.1:{_hostPorts.GetValueOrDefault(port, port)}/");

    /// <summary>The emulated board has no thermal sensor.</summary>
    public async Task<BoardCard?> DescribeAsync(CancellationToken cancellationToken) =>
        BoardCard.Parse(await RunInGuestAsync(BoardCard.ProbeScript, cancellationToken).ConfigureAwait(false),
            $"{Name}: {_qemu.Cores} vCPUs, {_qemu.MemoryBytes >> 20} MiB, as a {_qemu.Name}", emulated: true);

    public Task<long?> ReadTemperatureAsync(CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    /// <summary>Runs a shell script inside the guest and returns its output (e.g. <c>cat /sys/kernel/debug/gpio</c>).</summary>
    public Task<string> RunInGuestAsync(string script, CancellationToken cancellationToken) =>
        (_control ?? throw new InvalidOperationException($"{Name} is not running: deploy first")).RunAsync(script, cancellationToken);

    /// <summary>Presses the machine's reset (QMP <c>system_reset</c>), then waits until the guest answers again.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        if (_qmp is null || _control is null) throw new InvalidOperationException($"{Name} is not running: deploy first");
        await _qmp.ExecuteAsync("system_reset", null, cancellationToken).ConfigureAwait(false);
        await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        if (!await _control.WaitUntilUpAsync(BootTimeout, () => EmulatorAlive, cancellationToken).ConfigureAwait(false))
            throw new IOException($"{Name} did not come back after a reset{EmulatorErrors()}");
    }

    // The host side is a free port of the board's choosing, not the guest's port itself: the bench runner's fixed
    // ports (18000 + n) may be taken on this machine, and inside the guest nothing else competes for them.
    private async Task ForwardAsync(int guestPort, CancellationToken cancellationToken)
    {
        if (_hostPorts.ContainsKey(guestPort)) return;
        int hostPort = FreeLoopbackPort();
        string reply = await _qmp!.HumanAsync($"hostfwd_add n0 tcp:127.0.0.1:{hostPort}-:{guestPort}", cancellationToken).ConfigureAwait(false);
        if (reply.Trim().Length > 0) throw new IOException($"cannot forward host port {hostPort} to port {guestPort} of {Name}: {reply.Trim()}");
        _hostPorts[guestPort] = hostPort;
    }

    private Process StartEmulator(GuestImage image, int controlPort)
    {
        string[] qemu =
        [
            Emulator, "-M", "virt", "-cpu", "cortex-a72", "-smp", $"{_qemu.Cores}", "-m", $"{_qemu.MemoryBytes >> 20}",
            "-display", "none", "-nodefaults", "-no-user-config",
            "-kernel", image.KernelPath, "-initrd", image.InitrdPath, "-append", "console=ttyAMA0 quiet loglevel=3 panic=5",
            "-chardev", $"socket,id=uart,path={_uart.Path}", "-serial", "chardev:uart",
            "-qmp", $"unix:{Path.Combine(_runtime, "qmp.sock")},server=on,wait=off",
            "-netdev", $"user,id=n0,hostfwd=tcp:127.0.0.1:{controlPort}-:{GuestFiles.ControlPort}", "-device", "virtio-net-device,netdev=n0",
        ];
        // The watcher: .NET cannot give a child PR_SET_PDEATHSIG safely (it follows the forking thread), so a shell
        // polls the host's pid and takes QEMU (and the sockets folder the host can no longer remove) down with it.
        const string Watcher = "host=$1; dir=$2; shift 2; \"$@\" & q=$!; " +
            "while kill -0 \"$host\" 2>/dev/null && kill -0 \"$q\" 2>/dev/null; do sleep 1; done; kill \"$q\" 2>/dev/null; wait \"$q\"; " +
            "code=$?; kill -0 \"$host\" 2>/dev/null || rm -rf \"$dir\"; exit $code";
        var info = new ProcessStartInfo("sh", ["-c", Watcher, "devicebench-qemu", $"{Environment.ProcessId}", _runtime, .. qemu])
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true,
        };
        var process = Process.Start(info) ?? throw new IOException($"cannot start {Emulator}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _emulatorErrors.Enqueue(e.Data);
            while (_emulatorErrors.Count > 20 && _emulatorErrors.TryDequeue(out string? _)) { }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<QmpClient> ConnectQmpAsync(CancellationToken cancellationToken)
    {
        string path = Path.Combine(_runtime, "qmp.sock");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (!EmulatorAlive) throw new IOException($"{Emulator} exited at start{EmulatorErrors()}");
            try { return await QmpClient.ConnectAsync(path, cancellationToken).ConfigureAwait(false); }
            catch (SocketException) when (DateTime.UtcNow < deadline) { await Task.Delay(100, cancellationToken).ConfigureAwait(false); }
        }
    }

    private string EmulatorErrors() => _emulatorErrors.IsEmpty ? "" : $" ({Emulator}: {string.Join(" | ", _emulatorErrors)})";

    private async Task StopEmulatorAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                if (_qmp is not null) await _qmp.ExecuteAsync("quit", null, timeout.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException) { }
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
        _qmp?.Dispose();
        _qmp = null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file)).FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        await StopEmulatorAsync().ConfigureAwait(false);
        _process?.Dispose();
        _control?.Dispose();
        _uart.Dispose();
        try { Directory.Delete(_runtime, recursive: true); }
        catch (IOException) { }
    }
}
