using System.Runtime.InteropServices;

namespace DeviceBench.Floor;

/// <summary>Starts, waits for one byte (or end of input) on stdin, exits: the runtime and nothing else.</summary>
internal static unsafe partial class Program
{
    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, byte* buffer, nint count);

    private static int Main()
    {
        byte b;
        return Read(0, &b, 1) < 0 ? 1 : 0;
    }
}
