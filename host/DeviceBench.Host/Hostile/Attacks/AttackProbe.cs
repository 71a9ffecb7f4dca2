using System.Net;
using System.Net.Sockets;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>Is the server still serving? One fresh connection, one <c>GET /</c>, a 2xx answer within the timeout.</summary>
public static class AttackProbe
{
    /// <summary>Tries up to <paramref name="attempts"/> times, a second apart: a server that just shed thousands of
    /// connections may need a moment before it accepts again.</summary>
    public static async Task<bool> IsServingAsync(IPEndPoint target, TimeSpan timeout, int attempts = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            if (await TryOnceAsync(target, timeout, cancellationToken).ConfigureAwait(false)) return true;
        }
        return false;
    }

    private static async Task<bool> TryOnceAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = await HostileSockets.TryConnectAsync(target, timeout, cancellationToken).ConfigureAwait(false);
        if (socket is null) return false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.SendAsync(HostileSockets.Request(target), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return await HostileSockets.ReadStatusAsync(socket, deadline.Token).ConfigureAwait(false) is >= 200 and < 300;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
