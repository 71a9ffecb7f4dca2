using System.Text.Json;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.Host.Tests.Reports;

namespace DeviceBench.Host.Tests.Boards.Lava;

/// <summary>A contender's part of a job log as lava-run 2023.01 printed it (rust-hyper on the emulated board).</summary>
public class LavaRunRecordTests
{
    private static readonly string[] Board =
    [
        "devicebench-contender name=rust-hyper",
        "#DB1 BOOT fw=0.1.0 mode=watch subject=rust-hyper pid=145 arch=arm64 cores=2 mem_total_bytes=1024856064 *1584",
        "#DB1 READY pid=145 startup_ms=359 rss_bytes=2064384 pss_bytes=1456128 anon_bytes=196608 hwm_bytes=2064384 threads=3 *228E",
        "devicebench-load contender=rust-hyper port=8080 seconds=4",
    ];

    private static readonly string[] Stop =
    [
        "#DB1 STAT seq=3 uptime_ms=3363 rss_bytes=2473984 pss_bytes=1865728 anon_bytes=606208 hwm_bytes=2473984 cpu_pct10=1815 threads=3 conns=35 *F17A",
        "#DB1 END reason=signal exit_code=0 uptime_ms=9120 hwm_bytes=2658304 *4797",
    ];

    [Fact]
    public void Loadgen_result_between_start_and_stop_is_the_sessions_max_phase_and_its_test_cases_are_checked()
    {
        var load = RunBuilder.Load(RunBuilder.Started, 1134.2, 214911, null);
        var log = Log([.. Board, "[?1h=" + LavaLoadgen.ResultLine("rust-hyper", load), .. Stop],
            new LavaTestCase("0_devicebench-round-1-rust-hyper-load", "rust-hyper-client-p99", "pass", 214911m, "microseconds"),
            new LavaTestCase("0_devicebench-round-1-rust-hyper-load", "rust-hyper-client-rps", "pass", 1134.21m, "requests/s"));
        var run = Write(log);

        Assert.Equal(RunStatus.Complete, run.Status);
        var phase = Assert.Single(Assert.Single(run.Sessions).Phases);
        Assert.Equal(PhaseResult.Max, phase.Name);
        Assert.Equal(load.Requests, phase.Load.Requests);
        Assert.Equal(214911, phase.Load.Latency.P99Micros);
        Assert.Equal(16, run.Settings.Connections);
        // 6 board figures (READY 4, STAT RSS, END VmHWM) and 7 client ones; both client cases checked, the rps one off by 0.01 and said so.
        Assert.Contains("2 of the 13 figures in the protocol and loadgen lines have a LAVA test case; 1 equal it", run.BoardNotes);
        Assert.Contains("LAVA test case 0_devicebench-round-1-rust-hyper-load/rust-hyper-client-rps is 1134.21, the job log's lines say 1134.2", run.BoardNotes);
    }

    [Fact]
    public void Contender_without_a_load_result_is_a_failed_session_that_says_why()
    {
        var run = Write(Log([.. Board, .. Stop]));
        Assert.Equal(RunStatus.Partial, run.Status);
        Assert.Equal("no load result from the job's loadgen in the job log", Assert.Single(run.Sessions).Reason);
    }

    private static LavaLog Log(IEnumerable<string> boardLines, params LavaTestCase[] cases) =>
        LavaLog.Parse(boardLines.Select(l => $$"""{"dt": "2026-12-01T04:49:25.973689", "lvl": "target", "msg": {{JsonSerializer.Serialize(l.Replace("\"", "\\\"", StringComparison.Ordinal))}}}"""))
            .WithTestCases(cases);

    private static RunRecord Write(LavaLog log)
    {
        string root = Directory.CreateTempSubdirectory("devicebench-lava-record").FullName;
        try
        {
            return RunFolder.Load(LavaRunRecord.Write(log, "lava:lab/7/qemu01", RunBuilder.Started, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
