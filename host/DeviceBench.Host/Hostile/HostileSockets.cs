using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Hostile;

/// <summary>Sockets the way a hostile client uses them (the corpus and the attacks): connect, abort with RST, tell a closed peer.</summary>
internal static class HostileSockets
{
    public static byte[] Request(IPEndPoint target) =>
        Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {target}\r\nUser-Agent: devicebench-attack\r\nAccept: */*\r\n\r\n");

    /// <summary>Connects within <paramref name="timeout"/> (a dropped SYN is retried only after 1 s), or throws
    /// <see cref="SocketException"/> / <see cref="OperationCanceledException"/>.</summary>
    public static async Task<Socket> ConnectAsync(EndPoint target, TimeSpan timeout, CancellationToken cancellationToken, int receiveBufferBytes = 0)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferBytes > 0) socket.ReceiveBufferSize = receiveBufferBytes;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try { await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false); }
        catch
        {
            // A connect cancelled just as the handshake completed leaves a connection the server has accepted: abort it
            // like every other hostile connection (RST), not with an orderly close that looks like a polite client.
            Reset(socket);
            throw;
        }
        return socket;
    }

    /// <summary>Null when the connect failed or took longer than <paramref name="timeout"/>.</summary>
    public static async Task<Socket?> TryConnectAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken, int receiveBufferBytes = 0)
    {
        try { return await ConnectAsync(target, timeout, cancellationToken, receiveBufferBytes).ConfigureAwait(false); }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return null; }
    }

    /// <summary>SO_LINGER with a zero timeout makes close() send RST and drop unsent and unread bytes: an abrupt reset.</summary>
    public static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already reset by the peer: closing is all that is left.
        }
        socket.Dispose();
    }

    /// <summary>True when the peer closed or reset the connection (readable with nothing to read), or it failed.</summary>
    public static bool ClosedByPeer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Reads one response with a Content-Length body; returns its status, or -1 if the peer closed first or it did not parse.</summary>
    public static async Task<int> ReadStatusAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var filled = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length) return -1;
            var read = await ReceiveAsync(socket, buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read <= 0) return -1;
            filled += read;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        if (!head.StartsWith("HTTP/1.", StringComparison.Ordinal) || head.Length < 12 || !int.TryParse(head.AsSpan(9, 3), out var status)) return -1;
        var remaining = ContentLength(head) - (filled - headerEnd - 4);
        while (remaining > 0)
        {
            var read = await ReceiveAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
            if (read <= 0) return -1;
            remaining -= read;
        }
        return status;
    }

    private static async Task<int> ReceiveAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return -1;
        }
    }

    private static long ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("content-length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line.AsSpan(colon + 1).Trim(), out var length))
            {
                return length;
            }
        }
        return 0;
    }
}
