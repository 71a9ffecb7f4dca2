using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace DeviceBench.Host.Load.Linux;

/// <summary>
/// One epoll instance. Each registration carries a 64-bit token that comes back with its events; interest sets that
/// include <see cref="EdgeTriggered"/> report readiness once per change instead of at every wait.
/// </summary>
internal sealed class Epoll : IDisposable
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;

    /// <summary>The peer shut down its side: after the bytes already queued, a receive returns end of stream.</summary>
    public const uint PeerClosed = 0x2000;
    public const uint EdgeTriggered = 1u << 31;

    private const int OperationAdd = 1;
    private const int OperationDelete = 2;
    private const int OperationModify = 3;

    // struct epoll_event is packed (12 bytes) only on x86-64; elsewhere the 64-bit data field is 8-aligned.
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    private readonly int _fd;
    private readonly byte[] _control = new byte[16];
    private readonly byte[] _events;

    public Epoll(int maxEventsPerWait)
    {
        _fd = Libc.epoll_create1(Libc.SockCloExec);
        if (_fd < 0)
        {
            throw new IOException($"epoll_create1 failed, errno {Libc.LastError}");
        }

        MaxEvents = maxEventsPerWait;
        _events = new byte[maxEventsPerWait * EventSize];
    }

    public int MaxEvents { get; }

    public bool Add(int socketFd, uint interest, ulong token) => Control(OperationAdd, socketFd, interest, token);

    public bool Modify(int socketFd, uint interest, ulong token) => Control(OperationModify, socketFd, interest, token);

    public bool Remove(int socketFd) => Control(OperationDelete, socketFd, 0, 0);

    /// <summary>Waits for events; returns how many, 0 on timeout or interruption.</summary>
    public int Wait(int timeoutMillis)
    {
        var count = Libc.epoll_wait(_fd, _events, MaxEvents, timeoutMillis);
        if (count >= 0)
        {
            return count;
        }

        var errno = Libc.LastError;
        return errno == Errno.Interrupted ? 0 : throw new IOException($"epoll_wait failed, errno {errno}");
    }

    public uint EventsAt(int index) => BinaryPrimitives.ReadUInt32LittleEndian(_events.AsSpan(index * EventSize));

    public ulong TokenAt(int index) => BinaryPrimitives.ReadUInt64LittleEndian(_events.AsSpan((index * EventSize) + DataOffset));

    public void Dispose() => _ = Libc.close(_fd);

    private bool Control(int operation, int socketFd, uint interest, ulong token)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_control, interest);
        BinaryPrimitives.WriteUInt64LittleEndian(_control.AsSpan(DataOffset), token);
        return Libc.epoll_ctl(_fd, operation, socketFd, _control) == 0;
    }
}
