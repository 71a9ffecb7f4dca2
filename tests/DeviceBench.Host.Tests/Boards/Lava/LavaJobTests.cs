using DeviceBench.Host.Boards.Lava;

namespace DeviceBench.Host.Tests.Boards.Lava;

public class LavaJobTests
{
    private static LavaJobSettings Qemu(int rounds, int seed) => new()
    {
        DeviceType = "qemu", Contenders = ["rust-hyper", "go-nethttp"], Rounds = rounds, Seed = seed, FirmwareUrl = new Uri("file:///srv/db/"),
    };

    [Fact]
    public void Each_round_is_one_test_definition_with_every_contender_once()
    {
        string job = LavaJob.Write(Qemu(2, 1));
        Assert.Contains("name: devicebench-round-1\n", job, StringComparison.Ordinal);
        Assert.Contains("name: devicebench-round-2\n", job, StringComparison.Ordinal);
        Assert.DoesNotContain("devicebench-round-3", job, StringComparison.Ordinal);
        Assert.Equal(2, job.Split("lava-contender.sh rust-hyper 8080 10 ").Length - 1);
        Assert.Equal(2, job.Split("lava-contender.sh go-nethttp 8080 10 ").Length - 1);
        Assert.Contains("url: 'file:///srv/db/initrd.cpio'\n        format: cpio.newc\n        overlays:\n          lava: true\n", job, StringComparison.Ordinal);
    }

    [Fact]
    public void Contender_runs_the_bench_command_line_on_stdout_with_every_core()
    {
        Assert.Equal("sh /opt/devicebench/lava-contender.sh rust-hyper 8080 5 /opt/devicebench/fw/devicebench-fw watch --name rust-hyper --serial stdout "
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
        Assert.True(job.IndexOf("devicebench-arm64.tar.gz", StringComparison.Ordinal) < job.IndexOf("lava-contender.sh go-nethttp", StringComparison.Ordinal));
    }
}
