using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Engines.Minimal.Linux;

/// <summary>
/// A non-blocking listening TCP socket made with socket/bind/listen directly. Not <see cref="Socket"/>: constructing
/// one initialises the runtime's socket engine, which starts its own epoll thread (measured: one more thread and
/// its stack in the baseline) that this engine never uses.
/// </summary>
internal static unsafe partial class ListeningSocket
{
    private const int SockStream = 1;
    private const int SolSocket = 1;
    private const int SoReuseAddress = 2;
    private const int SoReusePort = 15;
    private const int EAddressInUse = 98;
    private const int EAddressNotAvailable = 99;
    private const int EAccess = 13;

    /// <summary>Binds and listens; returns the descriptor and the port actually bound.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public static int Open(IPEndPoint endpoint, bool reusePort, out int boundPort)
    {
        bool v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        int fd = Socket(v6 ? Libc.AfInet6 : Libc.AfInet, SockStream | Libc.SockNonBlock | Libc.SockCloExec, 0);
        if (fd < 0) throw Error(Libc.LastError);
        try
        {
            int one = 1;
            // SO_REUSEADDR: restart on a port whose old connections are in TIME_WAIT, as every server does.
            Libc.SetSocketOption(fd, SolSocket, SoReuseAddress, &one, sizeof(int));
            if (reusePort && Libc.SetSocketOption(fd, SolSocket, SoReusePort, &one, sizeof(int)) < 0) throw Error(Libc.LastError);
            byte* address = stackalloc byte[28];
            new Span<byte>(address, 28).Clear();
            *(ushort*)address = (ushort)(v6 ? Libc.AfInet6 : Libc.AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(address + 2, 2), (ushort)endpoint.Port);
            endpoint.Address.TryWriteBytes(new Span<byte>(address + (v6 ? 8 : 4), v6 ? 16 : 4), out _);
            uint length = v6 ? 28u : 16u;
            // The backlog is capped by net.core.somaxconn (4096 on current kernels).
            if (Bind(fd, address, length) < 0 || Listen(fd, 65535) < 0 || GetSocketName(fd, address, &length) < 0)
                throw Error(Libc.LastError);
            boundPort = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(address + 2, 2));
            return fd;
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    private static SocketException Error(int errno) => new((int)(errno switch
    {
        EAddressInUse => SocketError.AddressAlreadyInUse,
        EAddressNotAvailable => SocketError.AddressNotAvailable,
        EAccess => SocketError.AccessDenied,
        _ => SocketError.SocketError,
    }));

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte* address, uint length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int Listen(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int GetSocketName(int fd, byte* address, uint* length);
}
