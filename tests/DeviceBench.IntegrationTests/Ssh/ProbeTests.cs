using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class ProbeTests(SshServer server)
{
    [Fact]
    public async Task Connect_keeps_contenders_to_the_cpus_the_board_has_and_says_which_limits_it_could_apply()
    {
        var asked = new BoardProfile([0, 255], [1], 256L << 20);

        await using var board = await SshBoard.ConnectAsync(server.Spec, asked, server.Options(server.NewRemoteRoot()));

        Assert.Equal([0], board.Profile.ContenderCpus);
        Assert.Contains(board.Notes, n => n.StartsWith("CPUs 0,255 asked for, the board has", StringComparison.Ordinal));
        // This machine may or may not run systemd; either way the note says what the contenders really get.
        Assert.Contains(board.Notes, n => n.Contains("scope: memory capped at 256 MiB, swap off, CPUs 0 by taskset", StringComparison.Ordinal)
            || n == "no usable systemd-run scope on the board: memory not capped, CPUs 0 by taskset");
        Assert.Contains(board.Notes, n => n.StartsWith("serial: contenders report on stdout, streamed back over SSH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Temperature_is_read_on_the_board_or_null_without_a_sensor_and_server_uris_point_at_the_board()
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, new BoardProfile([], [1], null), server.Options(server.NewRemoteRoot()));

        long? temperature = await board.ReadTemperatureAsync(CancellationToken.None);

        const string Sensor = "/sys/class/thermal/thermal_zone0/temp";
        Assert.Equal(File.Exists(Sensor), temperature is not null);
        Assert.Equal(new Uri("http://127.0.0.1:18000/"), board.ServerUri(18000));
        Assert.Equal(Enumerable.Range(0, Environment.ProcessorCount), board.Profile.ContenderCpus);
    }

    [Fact]
    public async Task The_board_card_is_read_on_the_board_itself_over_ssh()
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, new BoardProfile([0], [1], null), server.Options(server.NewRemoteRoot()));

        var card = await board.DescribeAsync(CancellationToken.None);

        // The "board" is this machine over loopback: what it says over SSH is what this machine's /proc says.
        var here = BoardCard.OfThisMachine("local");
        Assert.NotNull(card);
        Assert.Equal((here.CpuModel, here.Cores, here.MemoryBytes, here.Kernel, false), (card.CpuModel, card.Cores, card.MemoryBytes, card.Kernel, card.Emulated));
        Assert.Equal($"{board.Name}: contender CPUs 0, no memory cap", card.Profile);
    }
}
