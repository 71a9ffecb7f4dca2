using System.Globalization;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary><c>devicebench bench --board qemu</c> as a user runs it: even a host killed outright leaves no QEMU behind.</summary>
[Collection(QemuTestGroup.Name)]
public class QemuCliTests
{
    [Fact]
    public void Qemu_dies_with_a_host_killed_by_sigkill()
    {
        string results = Directory.CreateTempSubdirectory("devicebench-qemu-kill").FullName;
        using var bench = ServerProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), "bench", "--board", "qemu:pi-zero-2w",
            "--contender", "go-nethttp", "--rounds", "1", "--rates", "50", "--warmup", "0s", "--settle", "0s", "--max-duration", "60s",
            "--results", results, "--artifacts", QemuBoardFixture.ArtifactsRoot], 0, waitForPort: false);
        bench.WaitForOutput(l => l.Contains(": READY, baseline", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
        int qemu = Assert.Single(EmulatorsUnder(bench.Pid));

        bench.Signal(9);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{qemu}") && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.False(Directory.Exists($"/proc/{qemu}"), $"QEMU {qemu} outlived its host");
        Directory.Delete(results, recursive: true);
    }

    /// <summary>QEMU processes descended from <paramref name="ancestor"/> (it runs under a watcher shell).</summary>
    private static List<int> EmulatorsUnder(int ancestor) =>
        [.. Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0)
            .Where(pid => pid > 0 && Read($"/proc/{pid}/cmdline").StartsWith("qemu-system-aarch64", StringComparison.Ordinal))
            .Where(pid => Ancestors(pid).Contains(ancestor))];

    private static IEnumerable<int> Ancestors(int pid)
    {
        for (int i = 0; i < 4 && pid > 1; i++)
        {
            string stat = Read($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            if (close < 0) yield break;
            pid = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            yield return pid;
        }
    }

    private static string Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
    }
}
