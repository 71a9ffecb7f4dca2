using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Ssh;

/// <summary>The SSH board reads a host UART adapter as the monitor does: unplugged and plugged back, it carries on.</summary>
[Collection(SshCollection.Name)]
public class UartReconnectTests(SshServer server)
{
    private static readonly BoardProfile Profile = new([0], [1], null);

    private static string Stat(long seq) => new StatRecord
    {
        Seq = seq, UptimeMillis = seq * 1000, Memory = new MemoryFigures(4 << 20, null, 1 << 20, 5 << 20), CpuPct10 = 5, Threads = 1,
    }.ToLine().ToString();

    [Fact]
    public async Task The_ssh_boards_uart_keeps_reading_across_an_adapter_that_disappears_and_comes_back()
    {
        string dir = Directory.CreateTempSubdirectory("devicebench-uart").FullName;
        var cable = new PtyPair(dir);
        var options = server.Options() with { HostSerialDevice = cable.HostEnd, BoardSerialDevice = cable.BoardEnd };
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, options);
        var report = new ReportWait(board);

        cable.WriteFromBoard("boot noise", Stat(1), Stat(2));
        await report.UntilAsync(r => r.Count == 2, TimeSpan.FromSeconds(15));
        cable.Dispose();
        Assert.True(BoardProcesses.Eventually(() => board.SerialProblem is not null, TimeSpan.FromSeconds(10)), "the unplug went unnoticed");
        using (var back = new PtyPair(dir))
        {
            Assert.True(BoardProcesses.Eventually(() => board.SerialReconnects == 1, TimeSpan.FromSeconds(10)), $"not reopened: {board.SerialProblem}");
            back.WriteFromBoard(Stat(3));
            await report.UntilAsync(r => r.Count == 3, TimeSpan.FromSeconds(15));
        }

        Assert.Equal([1L, 2L, 3L], report.Records.OfType<StatRecord>().Select(s => s.Seq));
        Assert.Equal(1, board.SerialReconnects);
        Assert.False(board.ReportLines.Completion.IsCompleted);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task An_adapter_that_cannot_be_opened_is_refused_at_connect()
    {
        var options = server.Options() with { HostSerialDevice = "/dev/devicebench-no-such-uart" };
        var e = await Assert.ThrowsAsync<IOException>(() => SshBoard.ConnectAsync(server.Spec, Profile, options));
        Assert.Contains("/dev/devicebench-no-such-uart", e.Message, StringComparison.Ordinal);
    }
}
