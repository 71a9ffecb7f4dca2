using DeviceBench.Host.Bench;
using DeviceBench.Host.Tests.Reports;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Tests.Bench;

public sealed class RunFolderTests : IDisposable
{
    private readonly DirectoryInfo results = Directory.CreateTempSubdirectory("devicebench-runfolder-");

    public void Dispose() => results.Delete(recursive: true);

    [Fact]
    public async Task A_save_while_the_serial_pump_files_records_sees_each_change_whole()
    {
        var run = RunBuilder.Run(["alpha"], 1, 100);
        var session = new ContenderSession { Contender = "alpha", Round = 1, StartedUtc = RunBuilder.Started };
        run.Sessions.Add(session);
        using var folder = RunFolder.Create(results.FullName, "local", RunBuilder.Started);
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
        var torn = new List<string>();
        for (int save = 1; save <= 100; save++)
        {
            folder.Save(run);
            var saved = RunFolder.Load(folder.Directory).Sessions.Single();
            if (saved.Stats.Count != saved.Events.Count) torn.Add($"save {save}: {saved.Stats.Count} STATs, {saved.Events.Count} events");
        }
        await stop.CancelAsync();
        await pump;

        Assert.Empty(torn);
        Assert.True(filed > 20, $"only {filed} records were filed: the saves met no traffic");
    }
}
