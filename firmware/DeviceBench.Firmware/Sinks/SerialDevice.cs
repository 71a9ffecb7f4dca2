using System.Runtime.InteropServices;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// A serial device (UART, USB-UART, pseudo-terminal) opened for writing through termios: raw 8N1 at a standard
/// rate, no flow control, modem lines ignored (CLOCAL) — what System.IO.Ports sets up for a writer, without its native
/// shim, its event thread and, in the statically linked board build, a second libc loaded at run time.
/// </summary>
internal sealed unsafe partial class SerialDevice : IDisposable
{
    // asm-generic values, identical on x86-64 and arm64 (glibc's struct termios is 60 bytes; c_cflag at offset 8).
    private const int TermiosBytes = 64, CFlagOffset = 8, TcsaNow = 0;
    private const uint CLocal = 0x800, CRead = 0x80;
    private const short PollOut = 4;
    private const int WriteTimeoutMs = 1000;
    private readonly int _fd;

    private SerialDevice(int fd) => _fd = fd;

    /// <exception cref="IOException">The device is missing, not a terminal, or the rate is not a standard one.</exception>
    public static SerialDevice Open(string path, int baud)
    {
        uint speed = SerialRates.Constant(baud) ?? throw new IOException($"{baud} baud is not a standard rate ({SerialRates.Known})");
        int fd = Libc.Open(path, Libc.OWriteOnly | Libc.ONoCtty | Libc.ONonBlock | Libc.OCloExec);
        if (fd < 0) throw LastError($"serial device {path} cannot be opened");
        byte* termios = stackalloc byte[TermiosBytes];
        if (TcGetAttr(fd, termios) != 0) return Fail(fd, $"{path} is not a serial device");
        CfMakeRaw(termios);
        *(uint*)(termios + CFlagOffset) |= CLocal | CRead;
        if (CfSetSpeed(termios, speed) != 0 || TcSetAttr(fd, TcsaNow, termios) != 0) return Fail(fd, $"{path} refused {baud} baud");
        return new SerialDevice(fd);
    }

    /// <exception cref="TimeoutException">The device took nothing for a second (a full buffer nobody drains).</exception>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            nint n;
            fixed (byte* p = bytes) n = Libc.Write(_fd, p, bytes.Length);
            if (n > 0) { bytes = bytes[(int)n..]; continue; }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Libc.EIntr) continue;
            if (errno != Libc.EAgain) throw new IOException($"serial write failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            var pollFd = new PollFd { Fd = _fd, Events = PollOut };
            if (Poll(&pollFd, 1, WriteTimeoutMs) == 0) throw new TimeoutException($"the serial device took nothing for {WriteTimeoutMs} ms");
        }
    }

    public void Dispose() => _ = Libc.Close(_fd);

    private static SerialDevice Fail(int fd, string what)
    {
        var error = LastError(what);
        _ = Libc.Close(fd);
        throw error;
    }

    private static IOException LastError(string what) => new($"{what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    private static partial int CfSetSpeed(byte* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int action, byte* termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);
}
