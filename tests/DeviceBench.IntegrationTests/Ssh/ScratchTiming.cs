using System.Diagnostics;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class ScratchTiming(SshServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Timing()
    {
        var sw = Stopwatch.StartNew();
        void Log(string s) { output.WriteLine($"{s} {sw.ElapsedMilliseconds}"); sw.Restart(); }
        var board = await SshBoard.ConnectAsync(server.Spec, new BoardProfile([0], [1], null), server.Options());
        Log("connect");
        await board.DeployAsync(Path.Combine(Artifacts.RepositoryRoot, "artifacts"), CancellationToken.None);
        Log("deploy");
        var c = await board.StartAsync(new ContenderLaunch("bad-args", ["{dir}/fw/devicebench-fw", "serve", "--engine", "no-such-engine"], 0), CancellationToken.None);
        Log("start");
        BoardProcesses.Eventually(() => c.HasExited, TimeSpan.FromSeconds(20));
        Log("exited");
        var code = await c.StopAsync(TimeSpan.FromSeconds(1));
        Log($"stop {code}");
        var report = new ReportWait(board);
        var a = await board.StartAsync(ContenderCatalog.Launch("go-nethttp", FreePort.Next(), 1, TimeSpan.FromMilliseconds(200)), CancellationToken.None);
        var b = await board.StartAsync(ContenderCatalog.Launch("csharp-minimal", FreePort.Next(), 1, TimeSpan.FromMilliseconds(200)), CancellationToken.None);
        Log("start2");
        await report.UntilAsync(r => r.OfType<ReadyRecord>().Count() == 2, TimeSpan.FromSeconds(30));
        Log("ready2");
        await a.StopAsync(TimeSpan.FromSeconds(5));
        Log("stop go");
        await b.StopAsync(TimeSpan.FromSeconds(5));
        Log("stop minimal");
        await board.DisposeAsync();
        Log("dispose");
    }
}
