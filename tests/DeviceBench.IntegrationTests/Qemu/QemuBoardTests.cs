using System.Globalization;
using System.Text.RegularExpressions;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>
/// The emulated arm64 board end to end: the host-assembled image boots, every contender's arm64 build serves the
/// host through a forwarded port and reports READY and STAT over the guest's UART, and the firmware drives the
/// PL061's lines. Needs qemu-system-arm, cpio and the arm64 artifacts (scripts/build.sh arm64).
/// </summary>
[Collection(QemuTestGroup.Name)]
public partial class QemuBoardTests(QemuBoardFixture fixture, ITestOutputHelper output) : IClassFixture<QemuBoardFixture>
{
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Board_boots_arm64_linux_with_the_profile_cores_and_memory()
    {
        // How long booting takes is reported, not bounded: emulation on a shared machine varies by minutes.
        output.WriteLine($"booted in {fixture.BootTime.TotalSeconds:0.0} s (image assembly included)");
        string facts = await fixture.Board.RunInGuestAsync("uname -m; nproc; grep MemTotal /proc/meminfo; ls /dev/gpiochip0 /dev/ttyAMA0", default);
        output.WriteLine(facts);
        var lines = facts.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("aarch64", lines[0]);
        Assert.Equal("4", lines[1]);
        long memTotalKb = long.Parse(MemTotal().Match(lines[2]).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(memTotalKb, 400_000, 512 * 1024);
        Assert.Contains("/dev/gpiochip0", facts, StringComparison.Ordinal);
        var (_, boot) = await fixture.Serial.WaitForAsync<BootRecord>(0, RecordTimeout, b => b.Mode == "board");
        Assert.Equal("qemu:pi-zero-2w", boot.Subject);
    }

    [Fact]
    public async Task The_board_card_is_read_in_the_guest_and_says_the_board_is_emulated()
    {
        var card = await fixture.Board.DescribeAsync(default);

        Assert.NotNull(card);
        Assert.StartsWith("Cortex-A72", card.CpuModel, StringComparison.Ordinal);
        Assert.Equal(4, card.Cores);
        Assert.InRange(card.MemoryBytes, 400_000L * 1024, 512L << 20);
        Assert.NotEqual("unknown", card.Kernel);
        Assert.True(card.Emulated);
        Assert.StartsWith("qemu:pi-zero-2w: 4 vCPUs, 512 MiB", card.Profile, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csharp-minimal")]
    [InlineData("csharp-kestrel")]
    [InlineData("rust-hyper")]
    [InlineData("go-nethttp")]
    public async Task Contender_serves_the_host_and_reports_ready_and_stat_over_the_uart(string name)
    {
        int port = FreePort.Next(), from = fixture.Serial.Count;
        await using var contender = await fixture.Board.StartAsync(ContenderCatalog.Launch(name, port, fixture.Board.Profile.Workers, TimeSpan.FromSeconds(1)), default);
        var (readyAt, ready) = await fixture.Serial.WaitForAsync<ReadyRecord>(from, RecordTimeout);
        output.WriteLine($"{name}: READY startup {ready.StartupMillis} ms, baseline RSS {ready.Memory!.Value.RssBytes / 1024} kB, PSS {ready.Memory!.Value.PssBytes / 1024} kB");
        Assert.True(ready.Memory!.Value.RssBytes > 0);

        using (var http = new RawHttpConnection(fixture.Board.ServerUri(port).Port))
        {
            http.Send("GET / HTTP/1.1\r\nHost: board\r\n\r\n");
            var response = http.ReadResponse();
            Assert.Equal(200, response.Status);
            Assert.Equal("Hello, World!", response.BodyText);
        }
        var (_, stat) = await fixture.Serial.WaitForAsync<StatRecord>(readyAt, RecordTimeout);
        output.WriteLine($"{name}: STAT seq {stat.Seq}, RSS {stat.Memory!.Value.RssBytes / 1024} kB, requests {stat.Requests}");
        Assert.False(contender.HasExited);

        int? exit = await contender.StopAsync(TimeSpan.FromSeconds(10));
        var (_, end) = await fixture.Serial.WaitForAsync<EndRecord>(readyAt, RecordTimeout);
        output.WriteLine($"{name}: exit {exit}, END {end.Reason}");
        Assert.True(contender.HasExited);
    }

    /// <summary>Both builds drive the lines through the kernel's GPIO character device: the lean one is statically linked.</summary>
    [Theory]
    [InlineData("fw")]
    [InlineData("fw-minimal")]
    public async Task Firmware_drives_status_and_alarm_lines_on_the_PL061(string build)
    {
        string before = await fixture.Board.RunInGuestAsync("cat /sys/kernel/debug/gpio", default);
        int baseLine = int.Parse(GpioBase().Match(before).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.DoesNotContain("devicebench-fw", before, StringComparison.Ordinal);

        int port = FreePort.Next(), from = fixture.Serial.Count;
        var launch = new ContenderLaunch("gpio", [$"{{dir}}/{build}/devicebench-fw", "serve", "--engine", "minimal", "--port", $"{port}", "--threads", "1",
            "--serial", "{serial}", "--gpio-status", "0", "--gpio-alarm", "1", "--gpio-chip", "0", "--gpio-required", "--budget-rss", "1k"], port);
        await using var contender = await fixture.Board.StartAsync(launch, default);
        await fixture.Serial.WaitForAsync<AlarmRecord>(from, RecordTimeout, a => a.Raised);

        // Idle, the status line blinks at 1 Hz; the alarm line stays high while the (1 kB) RSS budget is exceeded.
        var status = new HashSet<string>();
        var alarm = new HashSet<string>();
        for (int i = 0; i < 12 && status.Count < 2; i++)
        {
            string view = await fixture.Board.RunInGuestAsync("cat /sys/kernel/debug/gpio", default);
            status.Add(LineState(view, baseLine));
            alarm.Add(LineState(view, baseLine + 1));
            await Task.Delay(300);
        }
        output.WriteLine($"status seen {string.Join(",", status)}; alarm seen {string.Join(",", alarm)}");
        Assert.Equal(["hi", "lo"], status.Order());
        Assert.Equal(["hi"], alarm);

        await contender.StopAsync(TimeSpan.FromSeconds(10));
        string after = await fixture.Board.RunInGuestAsync("cat /sys/kernel/debug/gpio", default);
        Assert.DoesNotContain("devicebench-fw", after, StringComparison.Ordinal);
    }

    private static string LineState(string debugView, int line) =>
        Regex.Match(debugView, $@"gpio-{line} \(.*\|devicebench-fw\s*\) out (hi|lo)").Groups[1] is { Success: true } g ? g.Value : "released";

    [GeneratedRegex(@"MemTotal:\s+(\d+) kB")]
    private static partial Regex MemTotal();

    [GeneratedRegex(@"gpiochip0: GPIOs (\d+)-")]
    private static partial Regex GpioBase();
}
