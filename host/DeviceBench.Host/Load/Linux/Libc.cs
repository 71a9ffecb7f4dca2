using System.Runtime.InteropServices;

namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// The few libc calls the engine needs. Raw epoll instead of System.Net.Sockets gives each worker thread
/// its own event loop (as wrk does), one send and one receive per request with no speculative receive,
/// and a timerfd for microsecond send scheduling. Signatures are blittable (arrays and refs are pinned,
/// never copied), so no call allocates. Constants are the asm-generic values shared by x64 and arm64 Linux.
/// </summary>
internal static class Libc
{
    private const string Library = "libc";

    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStream = 1;
    public const int SockNonBlock = 0x800;
    public const int SockCloExec = 0x80000;
    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int MsgNoSignal = 0x4000;
    public const int ClockMonotonic = 1;
    public const int RlimitNoFile = 7;
    public const int PrSetTimerSlack = 29;

    [DllImport(Library, SetLastError = true)]
    public static extern int socket(int domain, int type, int protocol);

    [DllImport(Library, SetLastError = true)]
    public static extern int connect(int fd, byte[] address, int addressLength);

    [DllImport(Library, SetLastError = true)]
    public static extern int setsockopt(int fd, int level, int name, ref int value, int valueLength);

    [DllImport(Library, SetLastError = true)]
    public static extern int getsockopt(int fd, int level, int name, ref int value, ref int valueLength);

    [DllImport(Library, SetLastError = true)]
    public static extern nint send(int fd, ref byte buffer, nint length, int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern nint recv(int fd, ref byte buffer, nint length, int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern nint read(int fd, ref long value, nint length);

    [DllImport(Library, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Library, SetLastError = true)]
    public static extern int epoll_create1(int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern int epoll_ctl(int epollFd, int operation, int fd, byte[] eventBytes);

    [DllImport(Library, SetLastError = true)]
    public static extern int epoll_wait(int epollFd, byte[] eventBytes, int maxEvents, int timeoutMillis);

    [DllImport(Library, SetLastError = true)]
    public static extern int timerfd_create(int clockId, int flags);

    [DllImport(Library, SetLastError = true)]
    public static extern int timerfd_settime(int fd, int flags, long[] newValue, nint oldValue);

    [DllImport(Library, SetLastError = true)]
    public static extern int getrlimit(int resource, ulong[] limits);

    [DllImport(Library, SetLastError = true)]
    public static extern int setrlimit(int resource, ulong[] limits);

    [DllImport(Library, SetLastError = true)]
    public static extern int prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [DllImport(Library, SetLastError = true)]
    public static extern int sched_setscheduler(int pid, int policy, int[] param);

    public static int LastError => Marshal.GetLastPInvokeError();
}
