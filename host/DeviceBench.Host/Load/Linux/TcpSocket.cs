using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DeviceBench.Host.Load.Linux;

/// <summary>Non-blocking TCP sockets as raw descriptors: open-and-connect, read the connect result, send, receive, close.</summary>
internal static class TcpSocket
{
    /// <summary>Builds the sockaddr_in / sockaddr_in6 bytes for an endpoint once, so connects copy nothing.</summary>
    public static byte[] AddressBytes(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var ipv6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = new byte[ipv6 ? 28 : 16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 2), (ushort)(ipv6 ? Libc.AfInet6 : Libc.AfInet));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)endPoint.Port);
        if (ipv6)
        {
            endPoint.Address.TryWriteBytes(bytes.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
        else
        {
            endPoint.Address.TryWriteBytes(bytes.AsSpan(4, 4), out _);
        }

        return bytes;
    }

    /// <summary>
    /// Opens a socket and starts connecting. Returns the descriptor (connect in progress or done),
    /// or -1 with <paramref name="errno"/> set when the socket could not be created or the connect failed at once.
    /// </summary>
    public static int StartConnect(byte[] address, out int errno)
    {
        var family = BitConverter.ToUInt16(address, 0);
        var fd = Libc.socket(family, Libc.SockStream | Libc.SockNonBlock | Libc.SockCloExec, 0);
        if (fd < 0)
        {
            errno = Libc.LastError;
            return -1;
        }

        // Requests are small and latency-critical: Nagle would hold a pipelined batch's tail back.
        var one = 1;
        _ = Libc.setsockopt(fd, Libc.IpProtoTcp, Libc.TcpNoDelay, ref one, sizeof(int));
        if (Libc.connect(fd, address, address.Length) == 0)
        {
            errno = 0;
            return fd;
        }

        errno = Libc.LastError;
        if (errno == Errno.InProgress)
        {
            return fd;
        }

        _ = Libc.close(fd);
        return -1;
    }

    /// <summary>The outcome of a non-blocking connect once the socket became writable: 0 or an errno.</summary>
    public static int ConnectResult(int fd)
    {
        var error = 0;
        var length = sizeof(int);
        return Libc.getsockopt(fd, Libc.SolSocket, Libc.SoError, ref error, ref length) == 0 ? error : Libc.LastError;
    }

    /// <summary>Sends without raising SIGPIPE; returns bytes sent, 0 if the socket buffer is full, -1 on error.</summary>
    public static int Send(int fd, byte[] buffer, int offset, int count)
    {
        var sent = Libc.send(fd, ref buffer[offset], count, Libc.MsgNoSignal);
        if (sent >= 0)
        {
            return (int)sent;
        }

        return Libc.LastError == Errno.WouldBlock ? 0 : -1;
    }

    /// <summary>Receives into <paramref name="buffer"/>; returns bytes read, 0 at end of stream, -1 on error, -2 if nothing to read.</summary>
    public static int Receive(int fd, byte[] buffer)
    {
        var received = Libc.recv(fd, ref buffer[0], buffer.Length, 0);
        if (received >= 0)
        {
            return (int)received;
        }

        return Libc.LastError == Errno.WouldBlock ? -2 : -1;
    }

    public static void Close(int fd) => _ = Libc.close(fd);
}
