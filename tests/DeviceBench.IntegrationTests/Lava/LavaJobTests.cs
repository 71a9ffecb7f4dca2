using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Cli;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Lava;

/// <summary>
/// <c>devicebench lava job</c> writes jobs that LAVA's own validator accepts, for the emulated board and for every
/// Raspberry Pi device type Debian's LAVA ships (their device YAMLs rendered from lava-server's templates), each with
/// its loadgen lxc namespace (lava-lxc-mocker's lxc-create is what the validator looks for).
/// </summary>
public class LavaJobTests
{
    [Theory]
    [InlineData("qemu")]
    [InlineData("bcm2711-rpi-4-b")]
    [InlineData("bcm2837-rpi-3-b")]
    [InlineData("bcm2837-rpi-3-b-32")]
    [InlineData("bcm2836-rpi-2-b")]
    [InlineData("bcm2835-rpi-b-rev2")]
    public void Generated_job_passes_lava_run_validate(string deviceType)
    {
        string folder = Directory.CreateTempSubdirectory("devicebench-lava-validate").FullName;
        try
        {
            string[] args = ["--device-type", deviceType, "--rounds", "2"];
            if (deviceType != "qemu")
            {
                // The dispatcher checks that what it would download exists; a lab serves these over http.
                foreach (string file in new[] { "Image", "board.dtb", "rootfs.tar.xz" }) File.WriteAllText(Path.Combine(folder, file), file);
                args = [.. args, "--firmware-url", "http://lab.invalid/devicebench/", "--kernel-url", $"file://{folder}/Image",
                    "--dtb-url", $"file://{folder}/board.dtb", "--rootfs-url", $"file://{folder}/rootfs.tar.xz"];
            }
            string output = Path.Combine(folder, "job");
            string job = LavaDispatcher.WriteJob(output, args);
            string text = File.ReadAllText(job);
            Assert.Contains($"device_type: {deviceType}\n", text, StringComparison.Ordinal);
            // Each round: the board starts each contender, the worker's loadgen namespace loads it, the board stops it.
            string url = deviceType == "qemu" ? "http://127.0.0.1:18080/" : "http://$(lava-target-ip):8080/";
            foreach (string contender in ContenderCatalog.Names)
            {
                Assert.Equal(2, text.Split($"lava-contender.sh start {contender} 8080 10 ").Length - 1);
                Assert.Equal(2, text.Split($"devicebench lava loadgen --contender {contender} --url \"{url}\" --duration 10s --connections 64").Length - 1);
                Assert.Equal(2, text.Split($"lava-contender.sh stop {contender}'").Length - 1);
            }
            Assert.Equal(2 * ContenderCatalog.Names.Count, text.Split("namespace: loadgen\n    timeout").Length - 1);
            Assert.True(File.Exists(Path.Combine(output, deviceType == "qemu" ? "initrd.cpio" : "devicebench-arm64.tar.gz")));

            string device = LavaDispatcher.RenderDevice(deviceType, folder);
            var (exitCode, log) = LavaDispatcher.Run(LavaDispatcher.LavaRun,
                ["--validate", "--job-id", LavaDispatcher.JobId(), "--output-dir", Path.Combine(folder, "out"), "--device", device, job], TimeSpan.FromMinutes(2));
            Assert.True(exitCode == 0, $"lava-run --validate rejected the {deviceType} job:\n{log}");
            Assert.Contains("\"case\": \"validate\", \"definition\": \"lava\", \"result\": \"pass\"", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Loadgen_for_an_unknown_contender_or_a_url_without_a_host_is_a_usage_error()
    {
        string folder = Directory.CreateTempSubdirectory("devicebench-lava-loadgen").FullName;
        try
        {
            var unknown = DevicebenchRun.Run(folder, "lava", "loadgen", "--contender", "nginx", "--url", "http://127.0.0.1:9/");
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("nginx", Assert.Single(unknown.Errors), StringComparison.Ordinal);
            // What a real board's job types when the device dictionary has no device_ip: lava-target-ip prints nothing.
            var empty = DevicebenchRun.Run(folder, "lava", "loadgen", "--contender", "rust-hyper", "--url", "http://:8080/");
            DevicebenchRun.AssertOneLineError(2, "devicebench lava loadgen: --url 'http://:8080/' is not http://HOST:PORT/ "
                + "(is the device dictionary's device_ip set, for lava-target-ip?)", empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bench_on_a_lava_pi_without_its_boot_files_is_a_usage_error_that_says_what_to_run()
    {
        string folder = Directory.CreateTempSubdirectory("devicebench-lava-bench-usage").FullName;
        try
        {
            var result = DevicebenchRun.Run(folder, "bench", "--board", "lava://lab.invalid/bcm2711-rpi-4-b", "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts"));
            DevicebenchRun.AssertOneLineError(2, "devicebench bench: bcm2711-rpi-4-b boots from files only your lab has: write its job with devicebench lava job "
                + "--device-type bcm2711-rpi-4-b --firmware-url … --kernel-url … --dtb-url … --rootfs-url …, submit it, then devicebench lava fetch", result);
            Assert.Empty(DevicebenchRun.Listing(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--device-type qemu --board-address 10.0.0.7", "--board-address '10.0.0.7' is not HOST:PORT")]
    [InlineData("--device-type bcm2711-rpi-4-b --firmware-url http://lab.invalid/db/",
        "bcm2711-rpi-4-b boots over tftp/NFS: give --kernel-url, --dtb-url and --rootfs-url")]
    public void A_job_lava_cannot_run_is_a_usage_error_and_writes_nothing(string arguments, string error)
    {
        string folder = Directory.CreateTempSubdirectory("devicebench-lava-usage").FullName;
        try
        {
            var result = DevicebenchRun.Run(folder, ["lava", "job", .. arguments.Split(' '), "--artifacts", Path.Combine(Artifacts.RepositoryRoot, "artifacts")]);
            DevicebenchRun.AssertOneLineError(2, $"devicebench lava job: {error}", result);
            Assert.Empty(DevicebenchRun.Listing(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
