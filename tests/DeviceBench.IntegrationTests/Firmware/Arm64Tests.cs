using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Firmware;

/// <summary>
/// The arm64 builds run under qemu-aarch64 (user-mode emulation) against Debian's arm64 glibc (libc6:arm64,
/// multiarch): the cross-compiled binaries really start and serve. Rust's tokio hangs under qemu-user, so its
/// arm64 build is checked by its ELF header here and run on the emulated board.
/// </summary>
public class Arm64Tests
{
    private static ServerProcess Emulate(string binary, params string[] args)
    {
        int port = FreePort.Next();
        var server = ServerProcess.Start("qemu-aarch64", [binary, .. args.Select(a => a.Replace("{port}", $"{port}", StringComparison.Ordinal))], port, waitForPort: false);
        server.WaitForPort(TimeSpan.FromSeconds(90));
        return server;
    }

    [Theory]
    [InlineData("kestrel")]
    [InlineData("minimal")]
    public void Arm64_firmware_serves_under_qemu(string engine)
    {
        using var server = Emulate(Artifacts.Firmware("arm64"), "serve", "--engine", engine, "--port", "{port}", "--address", "127.0.0.1", "--threads", "1");
        using var c = new RawHttpConnection(server.Port);
        c.Send("GET /json HTTP/1.1\r\nHost: b\r\n\r\n");
        Assert.Equal("{\"message\":\"Hello, World!\"}", c.ReadResponse().BodyText);
        var boot = server.WaitForOutput(l => l.Contains(" BOOT ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains(" arch=arm64 ", boot, StringComparison.Ordinal);
    }

    [Fact]
    public void Arm64_go_contender_serves_under_qemu()
    {
        using var server = Emulate(Artifacts.Path("arm64", "go-nethttp"), "--port", "{port}", "--threads", "1");
        using var c = new RawHttpConnection(server.Port);
        c.Send("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
        Assert.Equal("Hello, World!", c.ReadResponse().BodyText);
    }

    [Theory]
    [InlineData("fw/devicebench-fw")]
    [InlineData("fw-minimal/devicebench-fw")]
    [InlineData("rust-hyper")]
    [InlineData("go-nethttp")]
    public void Arm64_builds_are_aarch64_elf_executables(string file)
    {
        var header = new byte[20];
        using (var f = File.OpenRead(Artifacts.Path("arm64", file))) f.ReadExactly(header);
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(2, header[4]); // ELFCLASS64
        Assert.Equal(183, BitConverter.ToUInt16(header, 18)); // e_machine EM_AARCH64
    }
}
