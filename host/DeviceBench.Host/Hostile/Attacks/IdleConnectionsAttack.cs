using System.Collections.Concurrent;
using System.Net.Sockets;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>
/// Opens <see cref="AttackOptions.Connections"/> keep-alive connections, makes one request on each, and holds them
/// idle until stopped; then counts those the server closed meanwhile. What each costs the server is its RSS growth.
/// </summary>
public sealed class IdleConnectionsAttack : AttackDriver
{
    // Connects in flight at once: enough to open 10,000 in seconds, few enough not to overflow a listen backlog.
    private const int ConnectConcurrency = 64;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentBag<Socket> _held = [];

    public IdleConnectionsAttack(AttackOptions options)
        : base(options)
    {
    }

    /// <summary>Returns once every connection is open and answered, or counted as failed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping.Token);
        var request = HostileSockets.Request(Options.Target);
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(ConnectConcurrency, Options.Connections)).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < Options.Connections && !linked.IsCancellationRequested)
            {
                await OpenOneAsync(request, linked.Token).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    protected override Task ReleaseAsync()
    {
        foreach (var socket in _held)
        {
            if (HostileSockets.ClosedByPeer(socket)) Counters.ClosedByServer();
            socket.Dispose();
        }
        _held.Clear();
        return Task.CompletedTask;
    }

    private async Task OpenOneAsync(byte[] request, CancellationToken cancellationToken)
    {
        var socket = await HostileSockets.TryConnectAsync(Options.Target, ConnectTimeout, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            Counters.ConnectFailed();
            return;
        }

        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(ConnectTimeout);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, answer.Token).ConfigureAwait(false);
            if (await HostileSockets.ReadStatusAsync(socket, answer.Token).ConfigureAwait(false) is >= 200 and < 400)
            {
                _held.Add(socket);
                Counters.Opened();
                return;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
        }
        Counters.ConnectFailed();
        socket.Dispose();
    }
}
