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

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        using var fw = ServerProcess.Start(Artifacts.Firmware(), ["serve", "--prot", "80"], 0, waitForPort: false);
        Assert.Equal(2, fw.WaitForExit(TimeSpan.FromSeconds(10)));
    }
}
