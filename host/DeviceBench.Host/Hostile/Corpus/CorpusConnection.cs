using System.Net;
using System.Net.Sockets;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>One fresh TCP connection: write a case's bytes, then take everything the server sends until it closes or goes quiet.</summary>
internal static class CorpusConnection
{
    public sealed record Exchange(byte[] Received, bool ClosedByServer, bool TimedOut, bool WriteCutShort);

    public static Task<Socket> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        HostileSockets.ConnectAsync(new DnsEndPoint(host, port), timeout, cancellationToken);

    public static async Task<Exchange> ExchangeAsync(Socket socket, byte[] request, bool oneBytePerWrite, CorpusRunSettings settings, CancellationToken cancellationToken)
    {
        bool cut = !await WriteAsync(socket, request, oneBytePerWrite, settings, cancellationToken).ConfigureAwait(false);
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        TimeSpan wait = settings.ResponseTimeout;
        while (true)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(wait);
            int n;
            try { n = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Exchange([.. received], false, received.Count == 0, cut);
            }
            catch (SocketException) { n = 0; }
            if (n == 0) return new Exchange([.. received], true, false, cut);
            received.AddRange(buffer.AsSpan(0, n));
            if (CorpusResponseScan.Parse([.. received]).Statuses.Count > 0) wait = settings.CloseTimeout;
        }
    }

    /// <summary>False when the server closed or reset before every byte was written.</summary>
    private static async Task<bool> WriteAsync(Socket socket, byte[] request, bool oneBytePerWrite, CorpusRunSettings settings, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.ResponseTimeout + (oneBytePerWrite ? settings.ByteWriteInterval * request.Length : TimeSpan.Zero));
        try
        {
            if (!oneBytePerWrite) { await socket.SendAsync(request, SocketFlags.None, limit.Token).ConfigureAwait(false); return true; }
            for (int i = 0; i < request.Length; i++)
            {
                await socket.SendAsync(request.AsMemory(i, 1), SocketFlags.None, limit.Token).ConfigureAwait(false);
                if (settings.ByteWriteInterval > TimeSpan.Zero) await Task.Delay(settings.ByteWriteInterval, limit.Token).ConfigureAwait(false);
            }
            return true;
        }
        catch (SocketException) { return false; }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return false; }
    }
}
