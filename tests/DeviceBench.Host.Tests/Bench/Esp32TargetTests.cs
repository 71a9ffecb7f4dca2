using DeviceBench.Host.Boards.Esp32;

namespace DeviceBench.Host.Tests.Bench;

public sealed class Esp32TargetTests
{
    [Theory]
    [InlineData("esp32:/dev/ttyUSB0@192.168.1.50", "/dev/ttyUSB0", "192.168.1.50", 80, "http://192.168.1.50/")]
    [InlineData("esp32:/dev/serial/by-id/usb-FTDI@ftdi-if00@esp.local:8080", "/dev/serial/by-id/usb-FTDI@ftdi-if00", "esp.local", 8080, "http://esp.local:8080/")]
    [InlineData("esp32:/dev/pts/3@[::1]:18080", "/dev/pts/3", "::1", 18080, "http://[::1]:18080/")]
    public void Parses_the_serial_device_and_the_address_after_the_last_at(string spec, string serial, string host, int port, string uri)
    {
        var target = Esp32Target.Parse(spec);
        Assert.Equal((serial, host, port), (target.SerialDevice, target.Host, target.Port));
        Assert.Equal(uri, target.ServerUri.ToString());
        Assert.Equal(spec, target.Name);
    }

    [Theory]
    [InlineData("esp32:/dev/ttyUSB0")]
    [InlineData("esp32:@192.168.1.50")]
    [InlineData("esp32:/dev/ttyUSB0@")]
    [InlineData("esp32:/dev/ttyUSB0@host/path")]
    [InlineData("esp32:/dev/ttyUSB0@host:99999")]
    [InlineData("qemu:pi4")]
    public void Refuses_a_spec_without_a_device_and_a_plain_address(string spec) =>
        Assert.StartsWith("board spec", Assert.Throws<ArgumentException>(() => Esp32Target.Parse(spec)).Message, StringComparison.Ordinal);
}
