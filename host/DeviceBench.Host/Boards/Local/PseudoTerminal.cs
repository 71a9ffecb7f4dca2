using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace DeviceBench.Host.Boards.Local;

/// <summary>
/// A real pseudo-terminal: the firmware opens <see cref="DevicePath"/> as its serial port (termios), the host
/// reads the master side. The host also holds the device side open, so the line survives a contender closing
/// and reopening it between sessions (a lone master would read EIO once the last device-side fd closes).
/// </summary>
public sealed partial class PseudoTerminal : IDisposable
{
    private readonly int _master;
    private readonly int _keepOpen;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _reader;
    private volatile bool _disposed;

    public PseudoTerminal()
    {
        _master = PosixOpenpt(0x2 | 0x100); // O_RDWR | O_NOCTTY
        if (_master < 0 || GrantPt(_master) != 0 || UnlockPt(_master) != 0) throw new IOException($"no pseudo-terminal: errno {Marshal.GetLastPInvokeError()}");
        var name = new byte[128];
        if (PtsNameR(_master, name, name.Length) != 0) throw new IOException("ptsname failed");
        DevicePath = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        _keepOpen = Open(DevicePath, 0x2 | 0x100);
        // Raw mode: no echo back into the firmware's writes, no CR/LF translation of report lines.
        using (var stty = Process.Start(new ProcessStartInfo("stty", ["-F", DevicePath, "raw", "-echo"]) { UseShellExecute = false }))
            stty?.WaitForExit();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pty-reader" };
        _reader.Start();
    }

    public string DevicePath { get; }

    public ChannelReader<string> Lines => _lines.Reader;

    private void ReadLoop()
    {
        var buffer = new byte[4096];
        var line = new StringBuilder();
        var poll = new PollFd[] { new() { Fd = _master, Events = 1 } };
        while (!_disposed)
        {
            if (Poll(poll, 1, 100) <= 0) continue;
            int n = Read(_master, buffer, buffer.Length);
            if (n <= 0) { if (_disposed) break; Thread.Sleep(50); continue; }
            for (int i = 0; i < n; i++)
            {
                if (buffer[i] == (byte)'\n') { _lines.Writer.TryWrite(line.ToString()); line.Clear(); }
                else if (line.Length < 4096) line.Append((char)buffer[i]);
            }
        }
        _lines.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader.Join(TimeSpan.FromSeconds(1));
        _ = Close(_keepOpen);
        _ = Close(_master);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "posix_openpt", SetLastError = true)] private static partial int PosixOpenpt(int flags);
    [LibraryImport("libc", EntryPoint = "grantpt", SetLastError = true)] private static partial int GrantPt(int fd);
    [LibraryImport("libc", EntryPoint = "unlockpt", SetLastError = true)] private static partial int UnlockPt(int fd);
    [LibraryImport("libc", EntryPoint = "ptsname_r")] private static partial int PtsNameR(int fd, [Out] byte[] buffer, nint length);
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)] private static partial int Open(string path, int flags);
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)] private static partial int Read(int fd, [Out] byte[] buffer, nint count);
    [LibraryImport("libc", EntryPoint = "close")] private static partial int Close(int fd);
    [LibraryImport("libc", EntryPoint = "poll")] private static partial int Poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);
}
