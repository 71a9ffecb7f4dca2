using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Qemu;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>A board that resets mid-run is caught by its BOOT record; disposing the board leaves no QEMU behind.</summary>
[Collection(QemuTestGroup.Name)]
public class QemuResetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reset_mid_run_is_detected_and_no_qemu_survives_disposal()
    {
        var settings = new BenchSettings
        {
            Contenders = ["go-nethttp"], Rounds = 1, Connections = 4, Settle = TimeSpan.FromMilliseconds(500), Warmup = TimeSpan.FromSeconds(1),
            // Long enough for the guest to boot again within the phase on a busy machine; the BOOT ends the phase early.
            MaxDuration = TimeSpan.FromSeconds(90), RateDuration = TimeSpan.FromSeconds(1), Rates = [20], Cooldown = TimeSpan.Zero,
        };
        string results = Directory.CreateTempSubdirectory("devicebench-qemu-reset").FullName;
        var board = new QemuBoard(QemuProfile.Parse("pi-zero-2w"));
        string runtime = board.RuntimeDirectory;
        int? emulator;
        await using (board)
        {
            using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
            var runner = new BenchRunner(board, settings, folder);
            var run = runner.RunAsync(QemuBoardFixture.ArtifactsRoot, default);
            // Press reset once the contender has reported READY and the load is on.
            while (!run.IsCompleted && runner.Run.Sessions is not [{ Ready: not null }]) await Task.Delay(100);
            Assert.False(run.IsCompleted, $"the run ended before READY: {runner.Run.Status} {runner.Run.Reason}");
            await Task.Delay(settings.Settle + settings.Warmup + TimeSpan.FromSeconds(1));
            emulator = board.EmulatorProcessId;
            Assert.NotNull(emulator);
            await board.ResetAsync(default);
            var record = await run;

            var session = Assert.Single(record.Sessions);
            output.WriteLine($"{session.Status}: {session.Reason}; events: {string.Join(" | ", session.Events)}");
            Assert.Equal(SessionStatus.Failed, session.Status);
            Assert.Contains("board reset", session.Reason, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists($"/proc/{emulator}"), $"QEMU's watcher {emulator} still runs");
        var left = Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Where(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(runtime, StringComparison.Ordinal); } catch (IOException) { return false; } })
            .ToList();
        Assert.Empty(left);
        Directory.Delete(results, recursive: true);
    }
}
