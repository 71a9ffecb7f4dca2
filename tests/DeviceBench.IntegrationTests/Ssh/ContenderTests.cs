using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class ContenderTests(SshServer server)
{
    private static readonly BoardProfile Profile = new([0], [1], null);
    private static readonly string ArtifactsRoot = Path.Combine(Artifacts.RepositoryRoot, "artifacts");
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData("go-nethttp")]
    [InlineData("csharp-minimal")]
    public async Task A_contender_started_over_ssh_runs_pinned_answers_http_and_its_report_lines_come_back_over_ssh(string contender)
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options());
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
        int port = FreePort.Next();
        var report = new ReportWait(board);

        var running = await board.StartAsync(ContenderCatalog.Launch(contender, port, 1, Interval), CancellationToken.None);
        await report.UntilAsync(r => r.OfType<ReadyRecord>().Any(), TimeSpan.FromSeconds(30));
        using (var http = new HttpClient())
            Assert.Equal("Hello, World!", await http.GetStringAsync(board.ServerUri(port)));
        long served = report.Records.OfType<BootRecord>().First().Pid!.Value;
        Assert.Equal("0", File.ReadLines($"/proc/{served}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim());
        // serve counts its requests; watch sees another process from /proc, where requests do not show.
        bool serve = contender.StartsWith("csharp", StringComparison.Ordinal);
        await report.UntilAsync(r => r.OfType<StatRecord>().Any(s => !serve || s.Requests > 0), TimeSpan.FromSeconds(10));
        int? exit = await running.StopAsync(TimeSpan.FromSeconds(5));
        await report.UntilAsync(r => r.OfType<EndRecord>().Any(), TimeSpan.FromSeconds(5));

        var boot = Assert.IsType<BootRecord>(report.Records[0]);
        Assert.Equal((serve ? "serve" : "watch", "x64"), (boot.Mode, boot.Arch));
        Assert.Equal(port, Assert.IsType<ReadyRecord>(report.Records[1]).Port ?? port);
        Assert.Equal(0, report.Reader.CorruptLines);
        Assert.Equal(0, exit);
        Assert.True(running.HasExited);
        Assert.False(BoardProcesses.IsAlive((int)boot.Pid!.Value), $"pid {boot.Pid} still runs");
    }

    [Fact]
    public async Task Stop_kills_a_contender_that_ignores_sigterm_after_the_grace_period()
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options());
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
        string marker = $"stubborn-{Guid.NewGuid():N}";
        var launch = new ContenderLaunch("stubborn", ["sh", "-c", $"trap '' TERM; exec sleep 600 # {marker}"], 0);

        var running = await board.StartAsync(launch, CancellationToken.None);
        Assert.True(BoardProcesses.Eventually(() => BoardProcesses.Mentioning(marker).Count > 0, TimeSpan.FromSeconds(5)));
        int? exit = await running.StopAsync(TimeSpan.FromMilliseconds(500));

        Assert.Equal(128 + 9, exit);
        Assert.Empty(BoardProcesses.Mentioning(marker));
    }

    [Fact]
    public async Task A_contender_that_exits_by_itself_is_seen_as_exited_with_its_exit_code()
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options());
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);

        var running = await board.StartAsync(new ContenderLaunch("bad-args", ["{dir}/fw/devicebench-fw", "serve", "--engine", "no-such-engine"], 0), CancellationToken.None);

        Assert.True(BoardProcesses.Eventually(() => running.HasExited, TimeSpan.FromSeconds(20)));
        Assert.NotEqual(0, Assert.NotNull(await running.StopAsync(TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task Disposing_the_board_stops_every_contender_and_leaves_no_process_or_work_folder_but_keeps_the_artifact_cache()
    {
        string root = server.NewRemoteRoot();
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options(root));
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
        var report = new ReportWait(board);
        await board.StartAsync(ContenderCatalog.Launch("go-nethttp", FreePort.Next(), 1, Interval), CancellationToken.None);
        await board.StartAsync(ContenderCatalog.Launch("csharp-minimal", FreePort.Next(), 1, Interval), CancellationToken.None);
        await report.UntilAsync(r => r.OfType<ReadyRecord>().Count() == 2, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(BoardProcesses.Mentioning(root));

        await board.DisposeAsync();

        Assert.True(BoardProcesses.Eventually(() => BoardProcesses.Mentioning(root).Count == 0, TimeSpan.FromSeconds(5)),
            string.Join('\n', BoardProcesses.Mentioning(root)));
        Assert.False(Directory.Exists(board.WorkDirectory));
        Assert.True(File.Exists(Path.Combine(board.LastDeploy!.RemoteDirectory, "go-nethttp")));
    }

    [Fact]
    public async Task Report_lines_come_through_a_uart_adapter_on_the_host_when_one_is_given()
    {
        using var cable = new PtyPair();
        var options = server.Options() with { HostSerialDevice = cable.HostEnd, BoardSerialDevice = cable.BoardEnd };
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, options);
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
        var report = new ReportWait(board);

        var running = await board.StartAsync(ContenderCatalog.Launch("csharp-minimal", FreePort.Next(), 1, Interval), CancellationToken.None);
        await report.UntilAsync(r => r.OfType<StatRecord>().Any(), TimeSpan.FromSeconds(30));
        await running.StopAsync(TimeSpan.FromSeconds(5));

        Assert.IsType<BootRecord>(report.Records[0]);
        Assert.IsType<ReadyRecord>(report.Records[1]);
        Assert.Contains(board.Notes, n => n.Contains("UART adapter on this host", StringComparison.Ordinal));
    }
}
