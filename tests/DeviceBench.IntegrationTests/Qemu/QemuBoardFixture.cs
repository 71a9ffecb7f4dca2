using System.Diagnostics;
using DeviceBench.Host.Boards.Qemu;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>One emulated Pi Zero 2 W (4 cores, 512 MB) booted for a whole test class: booting is the slow part.</summary>
public sealed class QemuBoardFixture : IAsyncLifetime
{
    public QemuBoard Board { get; } = new(QemuProfile.Parse("pi-zero-2w"));

    public SerialCapture Serial { get; private set; } = null!;

    public TimeSpan BootTime { get; private set; }

    public static string ArtifactsRoot => Path.Combine(Artifacts.RepositoryRoot, "artifacts");

    public async Task InitializeAsync()
    {
        Serial = new SerialCapture(Board.ReportLines);
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await Board.DeployAsync(ArtifactsRoot, timeout.Token);
        BootTime = Stopwatch.GetElapsedTime(started);
    }

    public async Task DisposeAsync() => await Board.DisposeAsync();
}
