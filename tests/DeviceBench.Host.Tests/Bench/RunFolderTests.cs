using System.Text.Json.Nodes;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Tests.Reports;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Tests.Bench;

public sealed class RunFolderTests : IDisposable
{
    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("devicebench-runfolder-");

    public void Dispose() => _results.Delete(recursive: true);

    [Fact]
    public async Task A_save_while_the_serial_pump_files_records_sees_each_change_whole()
    {
        var run = RunBuilder.Run(["alpha"], 1, 100);
        var session = new ContenderSession { Contender = "alpha", Round = 1, StartedUtc = RunBuilder.Started };
        run.Sessions.Add(session);
        using var folder = RunFolder.Create(_results.FullName, "local", RunBuilder.Started);
        using var stop = new CancellationTokenSource();
        long filed = 0;
        var pump = Task.Run(() =>
        {
            for (long seq = 1; !stop.IsCancellationRequested; seq++)
            {
                // One line filing two changes, as a BOOT sets a reset reason and adds an event: a save sees both or neither.
                folder.AppendSerial($"line {seq}", () =>
                {
                    session.Stats.Add(new TimedStat(seq, "max", new StatRecord { Seq = seq, UptimeMillis = seq, Memory = RunBuilder.Memory(RunBuilder.MiB), CpuPct10 = 0, Threads = 1 }));
                    Thread.Sleep(1);
                    session.Events.Add($"STAT {seq}");
                    Interlocked.Increment(ref filed);
                });
                Thread.Sleep(1);
            }
        });

        SpinWait.SpinUntil(() => Interlocked.Read(ref filed) > 0, TimeSpan.FromSeconds(10));
        // A hundred saves at least, and on until the pump has filed 50 records beside them, however slowly a busy machine
        // lets it run (once 100 saves met only 6 records).
        var torn = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (int save = 1; (save <= 100 || Interlocked.Read(ref filed) < 50) && DateTime.UtcNow < deadline; save++)
        {
            folder.Save(run);
            var saved = RunFolder.Load(folder.Directory).Sessions.Single();
            if (saved.Stats.Count != saved.Events.Count) torn.Add($"save {save}: {saved.Stats.Count} STATs, {saved.Events.Count} events");
        }
        await stop.CancelAsync();
        await pump;

        Assert.Empty(torn);
        Assert.True(filed >= 50, $"only {filed} records were filed in a minute: the saves met no traffic");
    }

    [Fact]
    public void Load_names_the_figure_a_hand_edited_run_json_lacks_instead_of_failing_later_in_a_report()
    {
        var run = RunBuilder.Run(["alpha"], 1, 1000);
        run.Sessions.Add(RunBuilder.Session("alpha", 1, 10 * RunBuilder.MiB, 5000, run.Rates, 2000));
        var json = JsonNode.Parse(RunJsonContext.Serialize(run))!;
        json["sessions"]![0]!["phases"]![1]!.AsObject().Remove("load");
        string directory = RunBuilder.SaveIn(_results, run);
        File.WriteAllText(Path.Combine(directory, "run.json"), json.ToJsonString());

        var refused = Assert.Throws<InvalidDataException>(() => RunFolder.Load(directory));

        Assert.Equal($"run.json in {directory} is not a complete run record: $.sessions[0].phases[1].load is missing or null", refused.Message);
    }

    [Fact]
    public void Load_reads_back_every_figure_a_run_saved()
    {
        var run = RunBuilder.Run(["alpha"], 1, 1000);
        run.Sessions.Add(RunBuilder.Session("alpha", 1, 10 * RunBuilder.MiB, 5000, run.Rates, 2000));

        Assert.Equal(RunJsonContext.Serialize(run), RunJsonContext.Serialize(RunFolder.Load(RunBuilder.SaveIn(_results, run))));
    }

    [Theory]
    [InlineData("/dev/ttyUSB0", "results/monitor/20261126-210540-ttyUSB0.log")]
    [InlineData("/dev/pts/3", "results/monitor/20261126-210540-pts_3.log")]
    [InlineData("/tmp/board-link/host", "results/monitor/20261126-210540-host.log")]
    public void Monitor_logs_go_beside_the_run_folders_named_like_them(string device, string expected) =>
        Assert.Equal(expected, RunFolder.MonitorLogPath("results", device, RunBuilder.Started));

    [Fact]
    public void Settings_durations_are_written_as_seconds_and_a_version_1_run_json_still_loads()
    {
        var run = RunBuilder.Run(["alpha"], 1, 100);
        run.Settings = run.Settings with { ReportInterval = TimeSpan.FromMilliseconds(250) };
        var written = JsonNode.Parse(RunJsonContext.Serialize(run))!.AsObject();
        var settings = written["settings"]!.AsObject();
        Assert.Equal(2, (double)settings["maxDurationSeconds"]!);
        Assert.Equal(0.25, (double)settings["reportIntervalSeconds"]!);
        Assert.Null(settings["maxDuration"]);

        // The same run as version 1 wrote it: TimeSpan text under the bare names.
        written["schemaVersion"] = 1;
        foreach (var (name, text) in new[] { ("settle", "00:00:01"), ("warmup", "00:00:01"), ("maxDuration", "00:00:02"), ("rateDuration", "00:00:02"),
            ("cooldown", "00:00:00"), ("readyTimeout", "00:01:00"), ("reportInterval", "00:00:00.2500000") })
        {
            settings.Remove(name + "Seconds");
            settings[name] = text;
        }
        string folder = Path.Combine(_results.FullName, "v1");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), written.ToJsonString());

        var loaded = RunFolder.Load(folder);

        Assert.Equal(run.Settings.Contenders, loaded.Settings.Contenders);
        Assert.Equal(run.Settings with { Contenders = loaded.Settings.Contenders, Rates = loaded.Settings.Rates, RateFractions = loaded.Settings.RateFractions, ConnectionsLadder = loaded.Settings.ConnectionsLadder }, loaded.Settings);
        Assert.Equal(TimeSpan.FromMinutes(1), loaded.Settings.ReadyTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), loaded.Settings.ReportInterval);
    }
}
