using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Tests.Bench;

public class RunFolderDiskFullTests
{
    private static RunRecord NewRun() => new() { Board = "local", Architecture = "x64", StartedUtc = DateTimeOffset.UnixEpoch, Settings = new BenchSettings() };

    [TmpfsFact]
    public void A_full_disk_keeps_the_last_run_json_throws_once_drops_log_lines_and_still_fits_the_record_that_says_so()
    {
        using var disk = SmallTmpfs.Mount(512 * 1024);
        var run = NewRun();
        using var folder = RunFolder.Create(disk.Path, "local", DateTimeOffset.UnixEpoch);
        folder.Save(run);
        disk.Fill();

        run.Sessions.Add(new ContenderSession { Contender = "csharp-minimal", Round = 1, StartedUtc = DateTimeOffset.UnixEpoch });
        var full = Assert.Throws<ResultsFolderFullException>(() => folder.Save(run));
        folder.AppendSerial("#DB1 STAT seq=1 *0000");
        folder.AppendEvent("after the disk filled");

        Assert.Equal($"results folder {folder.Directory} is full: No space left on device", full.Message);
        Assert.True(folder.Filled.IsCancellationRequested);
        Assert.Equal(2, folder.DroppedLogLines);
        Assert.False(File.Exists(folder.RunJsonPath + ".tmp"));
        run.Status = RunStatus.Partial;
        run.Reason = folder.Problem;
        Assert.True(folder.TrySave(run), "the reserve did not leave room for the last record");
        var saved = RunFolder.Load(folder.Directory);
        Assert.Equal((RunStatus.Partial, full.Message), (saved.Status, saved.Reason));
    }

    [TmpfsFact]
    public void A_save_that_does_not_fit_leaves_the_previous_run_json_as_it_was()
    {
        using var disk = SmallTmpfs.Mount(512 * 1024);
        var run = NewRun();
        using var folder = RunFolder.Create(disk.Path, "local", DateTimeOffset.UnixEpoch);
        folder.Save(run);
        string before = File.ReadAllText(folder.RunJsonPath);
        disk.Fill();
        Assert.Throws<ResultsFolderFullException>(() => folder.Save(run)); // releases the reserve
        disk.Fill();
        run.Reason = new string('x', 256 * 1024); // bigger than anything left

        Assert.False(folder.TrySave(run));
        Assert.Equal(before, File.ReadAllText(folder.RunJsonPath));
        Assert.Equal(RunStatus.Running, RunFolder.Load(folder.Directory).Status);
    }
}
