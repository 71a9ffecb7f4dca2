using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Firmware;

public class FirmwareCliTests
{
    private static ServerProcess Serve(string engine, params string[] extra)
    {
        int port = FreePort.Next();
        return ServerProcess.Start(Artifacts.Firmware(), ["serve", "--engine", engine, "--port", $"{port}", "--address", "127.0.0.1", .. extra], port);
    }

    [Theory]
    [InlineData("kestrel")]
    [InlineData("minimal")]
    public void Serve_reports_boot_ready_stats_and_end_on_stdout(string engine)
    {
        int exitCode;
        List<object> records;
        using (var server = Serve(engine, "--interval-ms", "200"))
        {
            server.WaitForOutput(l => l.Contains(" STAT ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            exitCode = server.Stop(TimeSpan.FromSeconds(10));
            var reader = new ReportReader();
            records = [.. server.Output.Select(reader.Read).OfType<object>()];
        }
        Assert.Equal(0, exitCode);
        Assert.IsType<BootRecord>(records[0]);
        Assert.IsType<ReadyRecord>(records[1]);
        var end = Assert.IsType<EndRecord>(records[^1]);
        Assert.Equal("signal", end.Reason);
        var stat = records.OfType<StatRecord>().First();
        Assert.NotNull(stat.GcCount);
        Assert.Equal(0, stat.Connections);
        Assert.Null(stat.Latency); // no request yet: latency keys omitted, not zero
    }

    [Fact]
    public void A_missing_gpio_chip_costs_one_message_and_the_server_keeps_serving()
    {
        using var server = Serve("kestrel", "--gpio-status", "17", "--gpio-chip", "7");
        using var c = new RawHttpConnection(server.Port);
        c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
        Assert.Equal(200, c.ReadResponse().Status);
        Assert.Single(server.Errors, e => e.Contains("GPIO unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_required_sink_that_is_missing_stops_the_firmware_with_a_clear_error()
    {
        int port = FreePort.Next();
        using var server = ServerProcess.Start(Artifacts.Firmware(),
            ["serve", "--port", $"{port}", "--serial", "/dev/ttyDOESNOTEXIST", "--serial-required"], port, waitForPort: false);
        Assert.Equal(1, server.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Contains(server.Errors, e => e.Contains("/dev/ttyDOESNOTEXIST does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_serial_device_that_is_not_required_falls_back_to_serving()
    {
        using var server = Serve("kestrel", "--serial", "/dev/ttyDOESNOTEXIST");
        using var c = new RawHttpConnection(server.Port);
        c.Send("GET /json HTTP/1.1\r\nHost: b\r\n\r\n");
        Assert.Equal(200, c.ReadResponse().Status);
        Assert.Contains(server.Errors, e => e.Contains("serial unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public void Info_names_the_board()
    {
        using var info = ServerProcess.Start(Artifacts.Firmware(), ["info"], 0, waitForPort: false);
        Assert.Equal(0, info.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Contains(info.Output, l => l == $"cores: {Environment.ProcessorCount}");
        Assert.Contains(info.Output, l => l.StartsWith("kernel: ", StringComparison.Ordinal) && !l.EndsWith("unknown", StringComparison.Ordinal));
        Assert.Contains(info.Output, l => l.StartsWith("model: ", StringComparison.Ordinal));
    }

    /// <summary>Runs a command that ends by itself; returns its exit code, stdout and stderr, complete.</summary>
    private static (int ExitCode, string[] Output, string[] Errors) Run(string file, params string[] args)
    {
        using var process = ServerProcess.Start(file, args, 0, waitForPort: false);
        int exitCode = process.WaitForExit(TimeSpan.FromSeconds(30));
        return (exitCode, [.. process.Output], [.. process.Errors]);
    }

    [Theory]
    [InlineData("--help", "usage: devicebench-fw COMMAND [options]")]
    [InlineData("-h", "usage: devicebench-fw COMMAND [options]")]
    [InlineData("serve --help", "devicebench-fw serve [--engine minimal|kestrel]")]
    [InlineData("serve --port 80 -h", "devicebench-fw serve [--engine minimal|kestrel]")]
    [InlineData("watch --help", "devicebench-fw watch [--name NAME]")]
    [InlineData("info --help", "devicebench-fw info ")]
    public void Help_prints_the_usage_on_stdout_and_exits_0(string args, string firstLine)
    {
        var (exitCode, output, errors) = Run(Artifacts.Firmware(), args.Split(' '));
        Assert.Equal(0, exitCode);
        Assert.StartsWith(firstLine, output[0], StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("--frobnicate", "devicebench-fw: unknown option --frobnicate")]
    [InlineData("frobnicate", "devicebench-fw: unknown command 'frobnicate'")]
    [InlineData("info --frobnicate", "devicebench-fw: unknown option --frobnicate")]
    [InlineData("info stray", "devicebench-fw: unexpected argument 'stray'")]
    [InlineData("serve --frobnicate", "devicebench-fw: unknown option --frobnicate")]
    [InlineData("serve --frobnicate 1 --port 8080", "devicebench-fw: unknown option --frobnicate")]
    [InlineData("watch --frobnicate", "devicebench-fw: unknown option --frobnicate")]
    [InlineData("serve --port", "devicebench-fw: --port needs a value")]
    [InlineData("serve --port 65536", "devicebench-fw: --port must be 0-65535, got 65536")]
    [InlineData("serve --port 99999999999", "devicebench-fw: --port must be 0-65535, got 99999999999")]
    [InlineData("serve --port eighty", "devicebench-fw: --port must be a number 0-65535, got 'eighty'")]
    [InlineData("serve --threads 0", "devicebench-fw: --threads must be 1-1024, got 0")]
    [InlineData("serve --engine iis", "devicebench-fw: --engine must be minimal or kestrel, got 'iis'")]
    [InlineData("serve --address localhost", "devicebench-fw: --address must be an IP address, got 'localhost'")]
    [InlineData("serve --max-connections 0", "devicebench-fw: --max-connections must be 1-2147483647, got 0")]
    [InlineData("serve --max-body 1T", "devicebench-fw: --max-body must be a number 1 or more, got '1T'")]
    [InlineData("serve --idle-timeout-ms -5", "devicebench-fw: --idle-timeout-ms must be 1-2147483647, got -5")]
    [InlineData("serve --interval-ms 0", "devicebench-fw: --interval-ms must be 1-2147483647, got 0")]
    [InlineData("serve --baud 115201", "devicebench-fw: --baud must be a standard rate (")]
    [InlineData("serve --display lcd", "devicebench-fw: --display must be hd44780[:ADDRESS] or ssd1306[:ADDRESS]")]
    [InlineData("serve --gpio-status -1", "devicebench-fw: --gpio-status must be 0-2147483647, got -1")]
    [InlineData("serve --budget-rss 0", "devicebench-fw: --budget-rss must be 1 or more, got 0")]
    [InlineData("watch --pid 0", "devicebench-fw: --pid must be 1-2147483647, got 0")]
    [InlineData("watch --ready-timeout-ms 0 -- true", "devicebench-fw: --ready-timeout-ms must be 1-2147483647, got 0")]
    [InlineData("watch --pid 1 -- true", "devicebench-fw: watch needs either --pid P or -- COMMAND ARGS")]
    public void A_mistake_exits_2_naming_it_on_the_first_stderr_line_without_a_stack_trace(string args, string firstLine)
    {
        var (exitCode, output, errors) = Run(Artifacts.Firmware(), args.Split(' '));
        Assert.Equal(2, exitCode);
        Assert.StartsWith(firstLine, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.TrimStart().StartsWith("at ", StringComparison.Ordinal) || e.Contains("Exception", StringComparison.Ordinal));
        Assert.Empty(output);
    }

    [Fact]
    public void Every_mistake_gets_its_own_line_in_one_message()
    {
        var (exitCode, _, errors) = Run(Artifacts.Firmware(), "serve", "--port", "-1", "--threads", "0");
        Assert.Equal(2, exitCode);
        Assert.Equal(["devicebench-fw: --port must be 0-65535, got -1", "devicebench-fw: --threads must be 1-1024, got 0"], errors[..2]);
    }

    [Fact]
    public void The_lean_build_names_its_only_engine()
    {
        var (exitCode, _, errors) = Run(Artifacts.Path("x64", "fw-minimal/devicebench-fw"), "serve", "--engine", "kestrel");
        Assert.Equal(2, exitCode);
        Assert.Equal("devicebench-fw: --engine must be minimal, got 'kestrel'", errors[0]);
    }

    [Fact]
    public void The_lean_build_leaves_watch_out_and_says_so_in_one_line()
    {
        string lean = Artifacts.Path("x64", "fw-minimal/devicebench-fw");
        var watch = Run(lean, "watch", "--", "/bin/true");
        var help = Run(lean, "--help");
        Assert.Equal((2, 0), (watch.ExitCode, help.ExitCode));
        Assert.Equal(["devicebench-fw: watch is not in this build; the full build (fw/devicebench-fw) has it"], watch.Errors);
        Assert.Empty(watch.Output);
        Assert.DoesNotContain(help.Output, l => l.TrimStart().StartsWith("watch", StringComparison.Ordinal));
        Assert.Contains(help.Output, l => l.TrimStart().StartsWith("serve", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lean_build_keeps_serving_when_the_reader_of_its_output_goes_away()
    {
        // stdout and stderr both into a pipe whose reader has exited: every report line and message meets EPIPE.
        int port = FreePort.Next();
        using var server = ServerProcess.Start("/bin/bash", ["-c", "exec \"$0\" \"$@\" > >(true) 2>&1", Artifacts.Path("x64", "fw-minimal/devicebench-fw"),
            "serve", "--port", $"{port}", "--address", "127.0.0.1", "--interval-ms", "50"], port);
        Thread.Sleep(500); // ten STAT intervals written into the closed pipe
        using (var c = new RawHttpConnection(port))
        {
            c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
            Assert.Equal(200, c.ReadResponse().Status);
        }
        Assert.False(server.HasExited);
        Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void The_lean_build_answers_info_on_stdout()
    {
        var (exitCode, output, errors) = Run(Artifacts.Path("x64", "fw-minimal/devicebench-fw"), "info");
        Assert.Equal(0, exitCode);
        Assert.Empty(errors);
        Assert.Equal(["model", "arch", "cores", "mem_total_bytes", "kernel", "gpio_chips", "temp_mc", "throttled", "firmware",
            "gc_heap_hard_limit_bytes", "gc_conserve_memory", "gc_region_range_bytes"], output.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("arch: x64", output);
        Assert.Contains(output, l => l.StartsWith("mem_total_bytes: ", StringComparison.Ordinal) && long.Parse(l[17..], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void The_lean_build_bakes_its_gc_reservation_in_and_the_environment_still_overrides_it()
    {
        string lean = Artifacts.Path("x64", "fw-minimal/devicebench-fw");
        var baked = Run(lean, "info");
        var overridden = Run("/usr/bin/env", "DOTNET_GCRegionRange=10000000", lean, "info"); // bare hex: 256 MiB
        Assert.Equal((0, 0), (baked.ExitCode, overridden.ExitCode));
        Assert.Contains("gc_region_range_bytes: 1073741824", baked.Output);
        Assert.Contains("gc_region_range_bytes: 268435456", overridden.Output);
    }

    [Fact]
    public void The_lean_build_serves_and_reports_after_releasing_its_start_up_code_pages()
    {
        string lean = Artifacts.Path("x64", "fw-minimal/devicebench-fw");
        int port = FreePort.Next();
        using var server = ServerProcess.Start(lean, ["serve", "--port", $"{port}", "--address", "127.0.0.1", "--interval-ms", "200"], port);
        server.WaitForOutput(l => l.Contains(" READY ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        using (var c = new RawHttpConnection(server.Port))
        {
            c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
            var response = c.ReadResponse();
            Assert.Equal((200, "Hello, World!"), (response.Status, response.BodyText));
        }
        server.WaitForOutput(l => l.Contains(" STAT ", StringComparison.Ordinal) && l.Contains(" requests=1 ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        // Start-up maps all of the code (the kernel faults a cached file in 64 kB around each touch); before READY the
        // firmware unmaps it, and serving one request and reporting bring back only part of it.
        var (size, resident) = CodeMapping(server.Pid, Path.GetFullPath(lean));
        Assert.True(resident < size, $"all {size} kB of code still resident");
        Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(10)));
    }

    // Size and Rss (kB) of the executable's code mapping in /proc/PID/smaps.
    private static (long Size, long Rss) CodeMapping(int pid, string exe)
    {
        bool code = false;
        long size = 0;
        foreach (string line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f[0].Contains('-', StringComparison.Ordinal)) code = f.Length == 6 && f[1] == "r-xp" && f[5] == exe;
            else if (code && f[0] == "Size:") size = long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            else if (code && f[0] == "Rss:") return (size, long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        throw new InvalidOperationException($"no code mapping of {exe} in /proc/{pid}/smaps");
    }

    [Fact]
    public void Host_and_both_firmware_builds_print_one_version()
    {
        var host = Run("dotnet", Path.Combine(AppContext.BaseDirectory, "devicebench.dll"), "--version");
        var board = Run(Artifacts.Firmware(), "--version");
        var lean = Run(Artifacts.Path("x64", "fw-minimal/devicebench-fw"), "serve", "--version");
        Assert.Equal((0, 0, 0), (host.ExitCode, board.ExitCode, lean.ExitCode));
        Assert.Matches(@"^\d+\.\d+\.\d+", Assert.Single(host.Output));
        Assert.Equal(host.Output, board.Output);
        Assert.Equal(host.Output, lean.Output);
        var info = Run(Artifacts.Firmware(), "info");
        Assert.Contains($"firmware: {host.Output[0]}", info.Output);
    }
}
