using DeviceBench.Firmware.Commands;

namespace DeviceBench.Firmware.Tests.Commands;

public class ReportSetupTests
{
    private static Args Parse(params string[] args) => new(args, ReportSetup.FlagNames);

    [Fact]
    public void Reading_the_options_opens_nothing()
    {
        var args = Parse("--serial", "/dev/ttyDOESNOTEXIST", "--serial-required", "--gpio-status", "17", "--gpio-required");
        var setup = ReportSetup.FromArgs(args);
        args.ThrowIfInvalid();
        Assert.Empty(setup.Sinks);
        Assert.Throws<IOException>(() => setup.Open());
    }

    [Fact]
    public void Every_bad_report_option_is_named()
    {
        var args = Parse("--baud", "115201", "--display", "hd44780:0x99", "--interval-ms", "0", "--gpio-status", "-1", "--mark-every", "x");
        ReportSetup.FromArgs(args);
        var lines = Assert.Throws<UsageException>(args.ThrowIfInvalid).Message.Split('\n');
        Assert.Equal(
        [
            "--mark-every must be a number 1-2147483647, got 'x'",
            "--interval-ms must be 1-2147483647, got 0",
            "--gpio-status must be 0-2147483647, got -1",
            "--display must be hd44780[:ADDRESS] or ssd1306[:ADDRESS] (ADDRESS 0x03-0x77), got 'hd44780:0x99'",
            "--baud must be a standard rate (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1500000, 2000000, 3000000), got 115201",
        ], lines);
    }

    [Theory]
    [InlineData("ssd1306")]
    [InlineData("hd44780:0x3F")]
    [InlineData("ssd1306:60")]
    public void Display_specs_name_a_driver_and_maybe_an_address(string spec)
    {
        var args = Parse("--display", spec);
        ReportSetup.FromArgs(args);
        args.ThrowIfInvalid();
    }
}
