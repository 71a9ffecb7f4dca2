using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Qemu;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>What <c>--board qemu[:profile]</c> promises before anything boots: limits, notes and clear failures.</summary>
public class QemuBoardSetupTests
{
    [Fact]
    public async Task Qemu_spec_gives_the_profile_cores_memory_and_an_emulation_warning()
    {
        await using var board = BoardFactory.Create("qemu:pi4", BoardProfile.SplitLocal());
        Assert.Equal("qemu:pi4", board.Name);
        Assert.Equal("arm64", board.Architecture);
        Assert.Equal(4, board.Profile.Workers);
        Assert.Equal(2L << 30, board.Profile.MemoryCapBytes);
        Assert.Contains(board.Notes, n => n.Contains("NOT a real board", StringComparison.Ordinal));
        Assert.Null(await board.ReadTemperatureAsync(default));
    }

    [Fact]
    public async Task Bare_qemu_is_the_default_profile()
    {
        await using var board = BoardFactory.Create("qemu", BoardProfile.SplitLocal());
        Assert.Equal($"qemu:{QemuProfile.DefaultName}", board.Name);
    }

    [Fact]
    public void Unknown_profile_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => QemuProfile.Parse("pi9"));
        Assert.Contains("pi-zero-2w", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_without_arm64_artifacts_names_the_build_step_and_starts_nothing()
    {
        string empty = Directory.CreateTempSubdirectory("devicebench-no-artifacts").FullName;
        var board = new QemuBoard(QemuProfile.Parse("pi-zero-2w"));
        await using (board)
        {
            var e = await Assert.ThrowsAsync<FileNotFoundException>(() => board.DeployAsync(empty, default));
            Assert.Contains("scripts/build.sh arm64", e.Message, StringComparison.Ordinal);
            Assert.Null(board.EmulatorProcessId);
        }
        Assert.False(Directory.Exists(board.RuntimeDirectory));
        Directory.Delete(empty, recursive: true);
    }
}
