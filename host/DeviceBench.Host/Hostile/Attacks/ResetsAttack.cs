using System.Diagnostics;
using System.Net.Sockets;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>
/// <see cref="AttackOptions.Connections"/> workers, paced to <see cref="AttackOptions.ResetsPerSecond"/> in all, take
/// turns aborting a connection with RST after half a request, and after a pipelined batch of requests whose answers
/// they never read (a small receive window keeps the server's writes pending, so the reset lands mid-response).
/// </summary>
public sealed class ResetsAttack : AttackDriver
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstByteWait = TimeSpan.FromMilliseconds(200);
    private const int SmallReceiveBufferBytes = 1024;
    private readonly List<Task> _workers = [];

    public ResetsAttack(AttackOptions options)
        : base(options)
    {
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var request = HostileSockets.Request(Options.Target);
        var batch = Enumerable.Repeat(request, Options.ResetPipeline).SelectMany(b => b).ToArray();
        var period = TimeSpan.FromSeconds(Options.Connections / Options.ResetsPerSecond);
        for (var i = 0; i < Options.Connections; i++)
        {
            var offset = i;
            _workers.Add(Task.Run(() => RunWorkerAsync(request, batch, period, offset), CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    protected override Task ReleaseAsync() => Task.WhenAll(_workers);

    private async Task RunWorkerAsync(byte[] request, byte[] batch, TimeSpan period, int offset)
    {
        var token = Stopping.Token;
        var started = Stopwatch.GetTimestamp();
        try
        {
            for (long cycle = offset; !token.IsCancellationRequested; cycle++)
            {
                var wait = period * (cycle - offset) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, token).ConfigureAwait(false);
                var midResponse = cycle % 2 == 1;
                var socket = await HostileSockets.TryConnectAsync(Options.Target, ConnectTimeout, token,
                    midResponse ? SmallReceiveBufferBytes : 0).ConfigureAwait(false);
                if (socket is null)
                {
                    if (!token.IsCancellationRequested) Counters.ConnectFailed();
                    continue;
                }

                Counters.Opened();
                await AbortAsync(socket, midResponse ? batch : request.AsMemory(0, request.Length / 2), midResponse, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AbortAsync(Socket socket, ReadOnlyMemory<byte> bytes, bool midResponse, CancellationToken token)
    {
        try
        {
            await socket.SendAsync(bytes, SocketFlags.None, token).ConfigureAwait(false);
            if (midResponse)
            {
                // Wait for the answer to start (the server is writing), peeking so nothing is consumed.
                using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(token);
                firstByte.CancelAfter(FirstByteWait);
                await socket.ReceiveAsync(new byte[1], SocketFlags.Peek, firstByte.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !token.IsCancellationRequested))
        {
        }
        finally
        {
            HostileSockets.Reset(socket);
        }

        if (midResponse) Counters.ResetMidResponse();
        else Counters.ResetMidRequest();
    }
}
