using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Bench;
using DeviceBench.IntegrationTests.Cli;

namespace DeviceBench.IntegrationTests.Esp32;

/// <summary>
/// <c>devicebench bench --board esp32:SERIAL@ADDRESS</c> through the real CLI, against <see cref="Esp32Simulator"/>
/// (no ESP32 is attached here): serial over a real pty, load over loopback, the normal run folder.
/// </summary>
[Collection(nameof(SerialBenchRuns))]
public sealed class Esp32BenchCliTests : IDisposable
{
    /// <summary>An empty folder with no artifacts: an ESP32 board needs none.</summary>
    private readonly string _cwd = Directory.CreateTempSubdirectory("devicebench-esp32-").FullName;

    public void Dispose() => Directory.Delete(_cwd, recursive: true);

    private IReadOnlyList<string> Output { get; set; } = [];

    private (int ExitCode, IReadOnlyList<string> Errors, RunRecord? Run, string? Folder) Bench(Esp32Simulator device, params string[] extra)
    {
        using var bench = DevicebenchRun.Start(_cwd, ["bench", "--board", $"esp32:{device.SerialDevice}@127.0.0.1:{device.Port}", "--rounds", "1",
            "--warmup", "0s", "--settle", "0s", "--cooldown", "0s", "--max-duration", "2s", "--rate-duration", "2s", .. extra]);
        int exitCode = bench.WaitForExit(TimeSpan.FromSeconds(120));
        Output = bench.Output;
        string results = Path.Combine(_cwd, "results");
        string? folder = Directory.Exists(results) ? Directory.GetDirectories(results).SingleOrDefault() : null;
        return (exitCode, bench.Errors, folder is null ? null : RunFolder.Load(folder), folder);
    }

    [Fact]
    public void Bench_on_an_esp32_board_measures_the_simulated_device_from_its_serial_lines_and_address()
    {
        using var device = new Esp32Simulator();
        // The device booted before the bench started, as a board flashed out of band does: the bench gets READY from
        // what the pty held or from the device's repeat of it, whichever comes first.
        Thread.Sleep(300);
        var (exitCode, errors, run, folder) = Bench(device, "--rates", "5", "10");

        Assert.True(exitCode == 0, $"exit {exitCode}: {string.Join(" | ", errors)}");
        Assert.Equal($"esp32:{device.SerialDevice}@127.0.0.1:{device.Port}", run!.Board);
        Assert.Equal(RunStatus.Complete, run.Status);
        var session = Assert.Single(run.Sessions);
        Assert.Equal(("nanoframework", SessionStatus.Ok), (session.Contender, session.Status));
        Assert.Null(session.Ready!.Memory);
        Assert.True(session.Ready.Heap!.Value.ManagedUsedBytes > 0);
        Assert.Equal(device.Port, session.Ready.Port);
        Assert.Equal(["max", "rate-5", "rate-10"], session.Phases.Select(p => p.Name));
        Assert.All(session.Phases, p => Assert.Equal(0, p.Load.Errors.Total));
        Assert.All(session.Phases, p => Assert.True(p.Load.Requests > 0, $"{p.Name} measured nothing"));
        Assert.Contains(session.Stats, t => t.Stat.Heap is not null && t.Stat.Requests > 0 && t.Stat.Latency is not null);
        Assert.All(session.Stats, t => Assert.Null(t.Stat.Memory));
        Assert.True(device.Requests >= session.Phases.Sum(p => p.Load.Requests), "the device answered fewer requests than the bench counted");
        Assert.Equal(0, run.Serial.CorruptLines);
        Assert.True(run.Serial.NoiseLines >= 0);

        string report = File.ReadAllText(Path.Combine(folder!, "report.md"));
        Assert.Contains("managed heap, not RSS", report, StringComparison.Ordinal);
        Assert.Contains("Rust (esp-idf-svc) and Go (TinyGo) on ESP32 are not part of this build", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder!, "report.html")));
        Assert.Contains(Output, l => l.Contains("microcontroller memory (managed heap, not RSS)", StringComparison.Ordinal));
        Assert.Contains(File.ReadLines(Path.Combine(folder!, "serial.log")), l => l.Contains("#DB1 READY", StringComparison.Ordinal));
    }

    [Fact]
    public void Microcontroller_profile_stays_within_a_device_that_accepts_at_most_8_sockets()
    {
        using var device = new Esp32Simulator(socketCap: 8);
        var (exitCode, errors, run, _) = Bench(device, "--sockets", "8", "--rates", "10");

        Assert.True(exitCode == 0, $"exit {exitCode}: {string.Join(" | ", errors)}");
        Assert.Equal(0, device.Refused);
        Assert.InRange(device.MostSocketsOpen, 2, 8);
        var session = Assert.Single(run!.Sessions);
        Assert.Equal(SessionStatus.Ok, session.Status);
        Assert.All(session.Phases, p => Assert.Equal((0L, 4), (p.Load.Errors.Total, p.Load.Settings.Connections)));
    }

    [Fact]
    public void More_connections_than_the_sockets_allow_is_refused_before_anything_starts()
    {
        using var device = new Esp32Simulator(socketCap: 8);
        var (exitCode, errors, run, _) = Bench(device, "--sockets", "8", "-c", "7");
        DevicebenchRun.AssertOneLineError(2, "devicebench bench: --connections 7 is more than a board with 8 sockets can hold (at most 6: one is the listener, one kept spare)",
            (exitCode, errors));
        Assert.Null(run);
        Assert.Equal(0, device.Requests);
    }

    [Theory]
    [InlineData("--memory", "64M")]
    [InlineData("--threads", "2")]
    public void A_memory_cap_or_thread_count_on_an_esp32_board_is_a_usage_error(string option, string value)
    {
        using var device = new Esp32Simulator();
        var (exitCode, errors, run, _) = Bench(device, option, value);
        DevicebenchRun.AssertOneLineError(2, "devicebench bench: --memory, --cpus and --threads apply to Linux boards: an esp32 board runs one firmware on its own heap and cores",
            (exitCode, errors));
        Assert.Null(run);
    }

    [Fact]
    public void A_linux_contender_on_an_esp32_board_is_a_usage_error()
    {
        using var device = new Esp32Simulator();
        var (exitCode, errors, run, _) = Bench(device, "--contender", "go-nethttp");
        DevicebenchRun.AssertOneLineError(2, "devicebench bench: an esp32 board runs only nanoframework (flashed on it), not go-nethttp", (exitCode, errors));
        Assert.Null(run);
    }

    [Fact]
    public void A_serial_device_that_does_not_open_is_a_usage_error_and_leaves_no_run_folder()
    {
        string missing = Path.Combine(_cwd, "no-such-tty");
        var result = DevicebenchRun.Run(_cwd, "bench", "--board", $"esp32:{missing}@127.0.0.1:1", "--rounds", "1");
        Assert.Equal(2, result.ExitCode);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("devicebench bench: ", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cwd, "results")));
    }
}
