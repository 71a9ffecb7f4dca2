using DeviceBench.Host.Boards.Lava;

namespace DeviceBench.Host.Tests.Boards.Lava;

public class LavaJobTests
{
    private static LavaJobSettings Qemu(int rounds, int seed) => new()
    {
        DeviceType = "qemu", Contenders = ["rust-hyper", "go-nethttp"], Rounds = rounds, Seed = seed, FirmwareUrl = new Uri("file:///srv/db/"),
    };

    [Fact]
    public void Each_contender_of_each_round_is_started_on_the_board_loaded_from_the_worker_and_stopped_in_that_order()
    {
        string job = LavaJob.Write(Qemu(2, 1));
        foreach (string contender in new[] { "rust-hyper", "go-nethttp" })
        {
            for (int round = 1; round <= 2; round++)
            {
                string prefix = $"devicebench-round-{round}-{contender}-";
                int start = job.IndexOf($"name: {prefix}start\n", StringComparison.Ordinal);
                int load = job.IndexOf($"name: {prefix}load\n", StringComparison.Ordinal);
                int stop = job.IndexOf($"name: {prefix}stop\n", StringComparison.Ordinal);
                Assert.True(start > 0 && start < load && load < stop, $"{prefix}: start {start}, load {load}, stop {stop}");
                Assert.Equal("namespace: dut", NamespaceBefore(job, start));
                Assert.Equal("namespace: loadgen", NamespaceBefore(job, load));
                Assert.Equal("namespace: dut", NamespaceBefore(job, stop));
            }
            Assert.Equal(2, job.Split($"lava-contender.sh start {contender} 8080 10 ").Length - 1);
            Assert.Equal(2, job.Split($"- 'devicebench lava loadgen --contender {contender} --url \"http://127.0.0.1:18080/\" --duration 10s --connections 64'\n").Length - 1);
            Assert.Equal(2, job.Split($"- 'sh /opt/devicebench/lava-contender.sh stop {contender}'\n").Length - 1);
        }
        Assert.DoesNotContain("devicebench-round-3", job, StringComparison.Ordinal);
        Assert.Contains("url: 'file:///srv/db/initrd.cpio'\n        format: cpio.newc\n        overlays:\n          lava: true\n", job, StringComparison.Ordinal);
        // No packages: lava-lxc-mocker's lxc-create would install them on the worker itself.
        Assert.Contains("protocols:\n  lava-lxc:\n    name: devicebench-loadgen\n    template: download\n", job, StringComparison.Ordinal);
        Assert.DoesNotContain("packages", job, StringComparison.Ordinal);
    }

    [Fact]
    public void Loadgen_reaches_the_address_and_runs_the_devicebench_command_given()
    {
        var settings = Qemu(1, 1) with { BoardAddress = "10.0.0.7:8080", Devicebench = "/opt/db/devicebench", Connections = 16 };
        Assert.Equal("/opt/db/devicebench lava loadgen --contender go-nethttp --url \"http://10.0.0.7:8080/\" --duration 3s --connections 16",
            LavaJob.LoadgenStep(settings, "go-nethttp", 3));
    }

    private static string NamespaceBefore(string job, int index)
    {
        int at = job.LastIndexOf("namespace: ", index, StringComparison.Ordinal);
        return job[at..job.IndexOf('\n', at)];
    }

    [Fact]
    public void Contender_runs_the_bench_command_line_on_stdout_with_every_core()
    {
        Assert.Equal("sh /opt/devicebench/lava-contender.sh start rust-hyper 8080 5 /opt/devicebench/fw/devicebench-fw watch --name rust-hyper --serial stdout "
            + "--serial-required --interval-ms 1000 -- /opt/devicebench/rust-hyper --port 8080 --threads $(nproc)", LavaJob.ContenderStep("rust-hyper", 5));
    }

    [Fact]
    public void Same_seed_same_order()
    {
        Assert.Equal(LavaJob.Write(Qemu(3, 7)), LavaJob.Write(Qemu(3, 7)));
    }

    [Fact]
    public void Real_board_fetches_the_tarball_first_and_boots_its_kernel_type()
    {
        string job = LavaJob.Write(new LavaJobSettings
        {
            DeviceType = "bcm2836-rpi-2-b", Contenders = ["go-nethttp"], FirmwareUrl = new Uri("https://lab/db"), KernelUrl = new Uri("https://lab/zImage"),
            DtbUrl = new Uri("https://lab/b.dtb"), RootfsUrl = new Uri("https://lab/rootfs.tar.gz"),
        });
        Assert.Contains("type: zimage\n", job, StringComparison.Ordinal);
        Assert.Contains("compression: gz\n", job, StringComparison.Ordinal);
        Assert.Contains("https://lab/db/devicebench-arm64.tar.gz", job, StringComparison.Ordinal);
        Assert.True(job.IndexOf("devicebench-arm64.tar.gz", StringComparison.Ordinal) < job.IndexOf("lava-contender.sh start go-nethttp", StringComparison.Ordinal));
        // The board's address as LAVA gives it to the loadgen namespace: the device dictionary's device_ip.
        Assert.Contains("--url \"http://$(lava-target-ip):8080/\"", job, StringComparison.Ordinal);
    }
}
