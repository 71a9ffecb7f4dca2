using System.Runtime.InteropServices;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Tests.Linux;

public unsafe partial class StandardStreamsTests
{
    private const int NonBlocking = 0x800; // O_NONBLOCK

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [Fact]
    public void A_full_non_blocking_descriptor_is_waited_on_and_every_byte_arrives()
    {
        // An inherited stdout can be non-blocking (O_NONBLOCK belongs to the open file, shared with the parent): a line
        // longer than the pipe's 64 KiB then meets EAGAIN, which must mean "wait", not a failed write.
        int* fds = stackalloc int[2];
        Assert.Equal(0, Pipe2(fds, NonBlocking));
        int readEnd = fds[0], writeEnd = fds[1];
        try
        {
            string line = new('x', 200_000);
            var received = 0;
            var reader = new Thread(() =>
            {
                Thread.Sleep(200); // the writer fills the pipe first
                var buffer = new byte[16384];
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (received < line.Length + 1 && DateTime.UtcNow < deadline)
                {
                    nint n;
                    fixed (byte* b = buffer) n = Libc.Read(readEnd, b, buffer.Length);
                    if (n > 0) received += (int)n;
                    else Thread.Sleep(1);
                }
            }) { IsBackground = true };
            reader.Start();
            var writer = StandardStreams.Open(writeEnd);
            writer.WriteLine(line);
            Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "the reader did not get every byte");
            Assert.Equal(line.Length + 1, received);
        }
        finally
        {
            _ = Libc.Close(readEnd);
            _ = Libc.Close(writeEnd);
        }
    }
}
