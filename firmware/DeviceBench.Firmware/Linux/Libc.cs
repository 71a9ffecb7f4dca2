using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Linux;

/// <summary>
/// The system calls the firmware makes directly: the minimal engine's event loops, the serial line, the GPIO chip.
/// Blittable signatures, so a call is a plain native call with no marshalling stub and no allocation (Native AOT resolves
/// them like any <c>libc</c> import), except <see cref="Open"/>, which marshals its path once per device.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    // Flag and option values are the asm-generic ones, identical on x86-64 and arm64.
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockNonBlock = 0x800;
    public const int SockCloExec = 0x80000;
    public const int MsgNoSignal = 0x4000;
    public const int ShutWrite = 1;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int EfdNonBlock = 0x800;
    public const int EfdCloExec = 0x80000;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENFile = 23;
    public const int EPipe = 32;
    public const int EMFile = 24;
    public const int ENoBufs = 105;
    public const int ENoMem = 12;

    /// <summary>prctl(PR_SET_THP_DISABLE): no transparent huge pages for this process, now or from khugepaged later.</summary>
    public const int PrSetThpDisable = 41;

    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Library, EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Library, EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept(int fd, void* address, void* addressLength, int flags);

    [LibraryImport(Library, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    public const int OReadWrite = 0x2;
    public const int OWriteOnly = 0x1;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(int fd, int level, int name, void* value, uint valueLength);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, void* buffer, nint length);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, void* buffer, nint length);

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>Blocks until <paramref name="fd"/> can take a write (or reports an error or hang-up the next write sees).</summary>
    public static void WaitWritable(int fd)
    {
        var pollFd = new PollFd { Fd = fd, Events = PollOut };
        while (Poll(&pollFd, 1, -1) < 0 && LastError == EIntr) { }
    }

    private const short PollOut = 4;

    /// <summary>struct pollfd.</summary>
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    /// <summary>inet_pton(3): 1 when <paramref name="text"/> is an address of <paramref name="family"/> in standard form.</summary>
    [LibraryImport(Library, EntryPoint = "inet_pton", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InetPton(int family, string text, byte* address);

    /// <summary>if_nametoindex(3): a network interface's index, 0 when there is no such interface.</summary>
    [LibraryImport(Library, EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint InterfaceIndex(string name);

    /// <summary>The names in a directory, without <c>.</c> and <c>..</c>; none when it cannot be opened.</summary>
    /// <remarks>
    /// opendir/readdir, not <see cref="Directory.GetFiles(string)"/>: the BCL's enumerator checks each entry's
    /// permissions against the effective user, which in the statically linked lean build binds glibc's user and group
    /// database (NSS) into the file. Together with <see cref="Commands.Args.ParseAddress"/>, the other door to the same code,
    /// 99,976 bytes of the lean build (this alone: 6,744, the address parser still bound it).
    /// </remarks>
    public static List<string> DirectoryNames(string path)
    {
        var names = new List<string>();
        nint directory = OpenDirectory(path);
        if (directory == 0) return names;
        try
        {
            // struct dirent as glibc lays it out on every 64-bit target: d_ino 8, d_off 8, d_reclen 2, d_type 1, d_name.
            for (byte* entry; (entry = ReadDirectory(directory)) != null;)
            {
                string name = Marshal.PtrToStringUTF8((nint)(entry + 19))!;
                if (name is not ("." or "..")) names.Add(name);
            }
        }
        finally { _ = CloseDirectory(directory); }
        return names;
    }

    [LibraryImport(Library, EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDirectory(string path);

    [LibraryImport(Library, EntryPoint = "readdir")]
    private static partial byte* ReadDirectory(nint directory);

    [LibraryImport(Library, EntryPoint = "closedir")]
    private static partial int CloseDirectory(nint directory);

    /// <summary>EAGAIN/EINTR: nothing to do now, try again on the next readiness event.</summary>
    public static bool WouldBlock(int errno) => errno is EAgain or EIntr;
}
