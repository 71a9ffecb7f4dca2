using System.Text;

namespace DeviceBench.Firmware.Linux;

/// <summary>
/// Standard output and error as UTF-8 text written with write(2), one call per write, in place of <see cref="Console"/>:
/// System.Console sets up a terminal on its first write (terminfo from the home directory, found through the user
/// database, window size, signal handling), and in the statically linked lean build that brought glibc's NSS code along
/// with its own: 163,456 bytes of the lean build's file. The firmware only ever writes whole lines.
/// </summary>
internal static class StandardStreams
{
    public static TextWriter Out { get; } = Open(1);

    public static TextWriter Error { get; } = Open(2);

    // Synchronized: the event loops report their failures on stderr while the main thread reports on stdout.
    internal static TextWriter Open(int fd) =>
        TextWriter.Synchronized(new StreamWriter(new DescriptorStream(fd), new UTF8Encoding(false), 256) { AutoFlush = true, NewLine = "\n" });

    /// <summary>write(2) on a descriptor the process inherited and does not own: never closed, never seeked.</summary>
    private sealed unsafe class DescriptorStream(int fd) : Stream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                nint n;
                fixed (byte* p = buffer) n = Libc.Write(fd, p, buffer.Length);
                if (n < 0 && Libc.LastError == Libc.EIntr) continue;
                // A descriptor inherited non-blocking (a parent's O_NONBLOCK is shared) and full: wait, as Console does.
                if (n < 0 && Libc.LastError == Libc.EAgain) { Libc.WaitWritable(fd); continue; }
                // A reader that went away (EPIPE; the runtime ignores SIGPIPE) drops the text, as Console does: a server
                // whose log reader ended keeps serving.
                if (n < 0 && Libc.LastError == Libc.EPipe) return;
                if (n < 0) throw new IOException($"cannot write to descriptor {fd}: errno {Libc.LastError}");
                buffer = buffer[(int)n..];
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() { }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
