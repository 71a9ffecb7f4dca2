using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Engines.Minimal.Linux;

/// <summary>
/// epoll(7): the listener and the wake descriptor level-triggered, connections edge-triggered (<see cref="EdgeTriggered"/>).
/// <c>struct epoll_event</c> is packed (12 bytes) on x86-64 but naturally aligned
/// (16 bytes) on arm64 and the other 64-bit ABIs, so events are read and written by offset rather than through one
/// C# struct that would be wrong on one of the two boards.
/// </summary>
internal static unsafe partial class Epoll
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint ReadHangUp = 0x2000;

    /// <summary>EPOLLET: an event per arrival of data rather than one per wait while data is unread, so a connection the
    /// loop has answered is not polled again by the next wait only to be found empty (tcp_poll, sock_poll and
    /// ep_item_poll: 5.4% of the loop's CPU level-triggered, 4.2% edge-triggered, perf record -e cpu-clock under
    /// <c>wrk -t1 -c64</c>). The reader must then drain what it was told about.</summary>
    public const uint EdgeTriggered = 1u << 31;
    private const int CtlAdd = 1;
    private const int CtlDelete = 2;
    private const int CtlModify = 3;
    private const int CloExec = 0x80000;

    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    public static int EventSize { get; } = Packed ? 12 : 16;

    private static int DataOffset => Packed ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int Control(int epoll, int operation, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int Wait(int epoll, byte* events, int maxEvents, int timeoutMillis);

    public static int Create() => Create(CloExec);

    public static int Add(int epoll, int fd, uint events, ulong token) => Control(epoll, CtlAdd, fd, events, token);

    public static int Modify(int epoll, int fd, uint events, ulong token) => Control(epoll, CtlModify, fd, events, token);

    public static int Delete(int epoll, int fd) => Control(epoll, CtlDelete, fd, 0, 0);

    public static uint EventsAt(byte* events, int index) => *(uint*)(events + index * EventSize);

    public static ulong TokenAt(byte* events, int index) =>
        System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(events + index * EventSize + DataOffset);

    private static int Control(int epoll, int operation, int fd, uint events, ulong token)
    {
        byte* ev = stackalloc byte[16];
        *(uint*)ev = events;
        System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ev + DataOffset, token);
        return Control(epoll, operation, fd, ev);
    }
}
