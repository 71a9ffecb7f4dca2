using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.Host.Load;
using DeviceBench.IntegrationTests.Cli;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.IntegrationTests.Qemu;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Lava;

/// <summary>
/// The emulated board's job under a real LAVA dispatcher (<c>lava-run</c>, as a lab's worker runs it): the board boots
/// under LAVA, every contender reports, the job's own loadgen namespace (lxc, on this machine through lava-lxc-mocker)
/// drives each contender through the forwarded port in its load window, and each figure LAVA recorded as a test case
/// equals what the job log says: the contender's protocol lines (read back with the protocol's own reader, CRCs
/// checked) and the loadgen's result line.
/// </summary>
[Collection(QemuTestGroup.Name)]
public class LavaRunTests
{
    [Fact]
    public async Task Qemu_job_runs_under_lava_run_drives_its_own_load_and_its_test_cases_equal_the_job_log()
    {
        string folder = Directory.CreateTempSubdirectory("devicebench-lava-run").FullName;
        string jobId = LavaDispatcher.JobId();
        try
        {
            int hostPort = FreePort.Next();
            // The worker's devicebench is the one under test; the job's loadgen namespace (lava-lxc-mocker: this machine) runs it.
            string devicebench = $"dotnet {Path.Combine(AppContext.BaseDirectory, "devicebench.dll")}";
            string job = LavaDispatcher.WriteJob(Path.Combine(folder, "job"), "--device-type", "qemu", "--rounds", "1", "--load-duration", "5s",
                "--board-address", $"127.0.0.1:{hostPort}", "--devicebench", devicebench, "--connections", "8");
            string device = LavaDispatcher.RenderDevice("qemu", folder, hostPort);

            var (exitCode, output) = LavaDispatcher.Run(LavaDispatcher.LavaRun,
                ["--job-id", jobId, "--output-dir", Path.Combine(folder, "out"), "--device", device, job], TimeSpan.FromMinutes(15));
            Assert.True(exitCode == 0, $"lava-run failed:\n{Tail(output)}");
            var log = LavaLog.Parse(output.Split('\n'));
            Assert.Contains(log.TestCases, c => c is { Suite: "lava", Name: "job", Result: "pass" });

            foreach (string contender in ContenderCatalog.Names)
            {
                var cases = log.TestCases.Where(c => c.Suite.Contains($"_devicebench-round-1-{contender}-", StringComparison.Ordinal)
                    && c.Name.StartsWith(contender + "-", StringComparison.Ordinal)).ToDictionary(c => c.Name[(contender.Length + 1)..]);
                Assert.True(cases.TryGetValue("ready", out var ready) && ready.Result == "pass", $"{contender} never reported READY:\n{Tail(output)}");

                // The board's figures: what its protocol lines say.
                var segment = Segment(log.BoardLines, contender);
                var expected = Figures(segment).Select(f => (Figure: f.Key, f.Value.Value, f.Value.Units)).ToList();
                // The client's figures: what the job's loadgen printed as its result line, between the board's start and stop.
                var load = Assert.Single(segment.Select(LavaLoadgen.ParseResultLine).OfType<(string Contender, LoadResult Result)>());
                Assert.Equal(contender, load.Contender);
                Assert.True(load.Result.Requests > 0, $"{contender}: the job's loadgen got no answer through the forwarded port");
                Assert.Equal(8, load.Result.Settings.Connections);
                expected.AddRange(LavaLoadgen.Figures(load.Result));
                Assert.Equal("pass", cases["client"].Result);

                var measured = cases.Values.Where(c => c.Measurement is not null).ToDictionary(c => c.Name[(contender.Length + 1)..], c => c);
                Assert.Equal(expected.Select(e => e.Figure).Order(), measured.Keys.Order());
                foreach (var (figure, value, units) in expected)
                {
                    Assert.True(measured[figure].Measurement == value, $"{contender}-{figure}: LAVA has {measured[figure].Measurement}, the job log says {value}");
                    Assert.Equal(units, measured[figure].Units);
                }
                Assert.True(measured["baseline-rss"].Measurement > 0);
                Assert.True(measured["client-rps"].Measurement > 0);
            }
            // The C# engines count their own requests: the job's load reached them inside the board.
            foreach (string engine in new[] { "csharp-minimal", "csharp-kestrel" })
                Assert.True(log.TestCases.Single(c => c.Name == $"{engine}-requests").Measurement > 0, $"{engine} served no request");

            // The same job as a lab's server serves it, fetched into a normal run folder that report and compare read.
            FetchedRunIsANormalRunFolder(output.Split('\n'), log, folder);
            BenchOnLavaSubmitsAJobPerDeviceTypeAndFetchesEach(output.Split('\n'), log, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            // lava-lxc-mocker's container is the worker's root: the dispatcher applied the loadgen's test overlay there.
            if (Directory.Exists($"/lava-{jobId}")) Directory.Delete($"/lava-{jobId}", recursive: true);
        }
    }

    private static void FetchedRunIsANormalRunFolder(IReadOnlyList<string> lavaRunLog, LavaLog log, string folder)
    {
        const string Token = "s3cret-lava-token";
        using var server = new LavaRestServer(4242, "qemu01", lavaRunLog, log.TestCases);
        string results = Path.Combine(folder, "results");
        using var fetch = DevicebenchRun.Start(["lava", "fetch", "--server", $"http://127.0.0.1:{server.Port}", "--job", "4242", "--results", results,
            "--token-file", WriteToken(folder, Token)]);
        int exitCode = fetch.WaitForExit(TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"lava fetch exited {exitCode}: {string.Join('\n', fetch.Errors)}");
        Assert.All(server.Authorizations, a => Assert.Equal($"Token {Token}", a));
        Assert.DoesNotContain(fetch.Output.Concat(fetch.Errors), l => l.Contains(Token, StringComparison.Ordinal));

        string run = Assert.Single(Directory.GetDirectories(results));
        var record = RunFolder.Load(run);
        Assert.Equal($"lava:127.0.0.1:{server.Port}/4242/qemu01", record.Board);
        Assert.Equal(RunStatus.Complete, record.Status);
        Assert.Equal(ContenderCatalog.Names.Order(), record.Settings.Contenders.Order());
        foreach (var session in record.Sessions)
        {
            Assert.Equal(SessionStatus.Ok, session.Status);
            var baseline = log.TestCases.Single(c => c.Name == $"{session.Contender}-baseline-rss");
            Assert.Equal(baseline.Measurement, session.Ready!.Memory!.Value.RssBytes);
            // The load results of the run folder are the job's loadgen's: report and compare show its throughput and latency.
            var max = Assert.Single(session.Phases);
            Assert.Equal(PhaseResult.Max, max.Name);
            Assert.Equal(log.TestCases.Single(c => c.Name == $"{session.Contender}-client-requests").Measurement, max.Load.Requests);
            Assert.Equal(log.TestCases.Single(c => c.Name == $"{session.Contender}-client-p99").Measurement, max.Load.Latency.P99Micros);
        }
        Assert.DoesNotContain(record.BoardNotes, n => n.StartsWith("LAVA test case", StringComparison.Ordinal));
        int figures = log.TestCases.Count(c => c.Measurement is not null && c.Suite != "lava");
        Assert.Contains($"{figures} of the {figures} figures in the protocol and loadgen lines have a LAVA test case; {figures} equal it", record.BoardNotes);
        Assert.Equal(8, record.Settings.Connections);
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        Assert.Equal(0, DevicebenchRun.Run(folder, "report", run).ExitCode);
        Assert.Equal(0, DevicebenchRun.Run(folder, "compare", run, run).ExitCode);
    }

    private static void BenchOnLavaSubmitsAJobPerDeviceTypeAndFetchesEach(IReadOnlyList<string> lavaRunLog, LavaLog log, string folder)
    {
        using var server = new LavaRestServer(77, "qemu02", lavaRunLog, log.TestCases);
        string results = Path.Combine(folder, "bench-results");
        using var bench = DevicebenchRun.Start(["bench", "--board", $"lava+http://127.0.0.1:{server.Port}/qemu,qemu", "--rounds", "1", "--results", results,
            "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts")]);
        int exitCode = bench.WaitForExit(TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"bench --board lava+http:// exited {exitCode}: {string.Join('\n', bench.Errors)}");
        Assert.Equal(2, server.Submitted.Count);
        Assert.All(server.Submitted, job => Assert.StartsWith("device_type: qemu\n", job, StringComparison.Ordinal));
        var runs = Directory.GetDirectories(results).Where(d => Path.GetFileName(d) != "lava-jobs").ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Equal(RunStatus.Complete, RunFolder.Load(run).Status));
        Assert.Equal(0, DevicebenchRun.Run(folder, "compare", runs[0], runs[1]).ExitCode);
    }

    private static string WriteToken(string folder, string token)
    {
        string file = Path.Combine(folder, "token");
        File.WriteAllText(file, token + "\n");
        return file;
    }

    /// <summary>The board's lines from this contender's marker to the next contender's.</summary>
    private static List<string> Segment(IReadOnlyList<string> boardLines, string contender) =>
        [.. boardLines.SkipWhile(l => l != $"{LavaBoardFiles.ContenderMarker} name={contender}").Skip(1)
            .TakeWhile(l => !l.StartsWith(LavaBoardFiles.ContenderMarker + " ", StringComparison.Ordinal))];

    /// <summary>Each figure the board should have reported, computed from its protocol lines with the protocol's reader.</summary>
    private static Dictionary<string, (decimal Value, string Units)> Figures(List<string> lines)
    {
        var reader = new ReportReader();
        var records = lines.Select(reader.Read).OfType<IReportRecord>().ToList();
        Assert.Equal(0, reader.CorruptLines);
        return LavaFigures.Of(records);
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(60));
}
