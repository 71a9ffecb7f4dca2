using DeviceBench.Host.Load;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>
/// Runs one attack and judges it like with like: the normal client alone (baseline P99), then the attack put
/// in place and the same client measured beside it, the server's RSS sampled throughout, and a last probe that the
/// server still serves.
/// </summary>
public static class AttackSession
{
    private static readonly TimeSpan RssSampleInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<AttackOutcome> RunAsync(AttackSessionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var target = options.Attack.Target;
        var normal = options.NormalClient();
        _ = OpenFileBudget.Reserve(options.DescriptorsNeeded, options.Attack.Connections + options.NormalConnections);
        var baseline = options.MeasureBaseline ? await LoadEngine.RunAsync(normal, null, cancellationToken).ConfigureAwait(false) : null;
        var rssBefore = Rss(options.Pid);

        await using var attack = AttackDriver.Create(options.Attack);
        using var sampling = new CancellationTokenSource();
        var peak = Task.Run(() => SamplePeakAsync(options.Pid, sampling.Token), CancellationToken.None);
        await attack.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(options.Settle, cancellationToken).ConfigureAwait(false);
        var rssEstablished = Rss(options.Pid);
        var underAttack = await LoadEngine.RunAsync(normal, null, cancellationToken).ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        var rssPeak = await peak.ConfigureAwait(false);
        var result = await attack.StopAsync().ConfigureAwait(false);

        await Task.Delay(options.Settle, cancellationToken).ConfigureAwait(false);
        var serving = await AttackProbe.IsServingAsync(target, TimeSpan.FromSeconds(2), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new AttackOutcome
        {
            Attack = result,
            Baseline = baseline,
            UnderAttack = underAttack,
            RssBeforeBytes = rssBefore,
            RssEstablishedBytes = rssEstablished,
            RssPeakBytes = rssPeak,
            RssAfterBytes = Rss(options.Pid),
            ServingAfter = serving,
            ProcessAlive = options.Pid is { } pid ? AttackRss.IsAlive(pid) : null,
        };
    }

    private static long? Rss(int? pid) => pid is { } p ? AttackRss.TryRead(p) : null;

    private static async Task<long?> SamplePeakAsync(int? pid, CancellationToken stop)
    {
        long? peak = null;
        while (pid is not null && !stop.IsCancellationRequested)
        {
            if (Rss(pid) is { } rss && rss > (peak ?? 0)) peak = rss;
            try
            {
                await Task.Delay(RssSampleInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }
}
