namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>
/// One attack against one server: <see cref="StartAsync"/> returns once the attack is in place (connections opened,
/// loops running), the attack keeps going until <see cref="StopAsync"/>, which releases everything and reports.
/// </summary>
public abstract class AttackDriver : IAsyncDisposable
{
    private bool _stopped;

    protected AttackDriver(AttackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public AttackOptions Options { get; }

    /// <summary>Cancelled by <see cref="StopAsync"/>: every loop of the attack watches it.</summary>
    protected CancellationTokenSource Stopping { get; } = new();

    internal AttackCounters Counters { get; } = new();

    public static AttackDriver Create(AttackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            AttackKind.Slow => new SlowClientsAttack(options),
            AttackKind.Idle => new IdleConnectionsAttack(options),
            AttackKind.Reset => new ResetsAttack(options),
            _ => throw new ArgumentException("the attack kind must be slow, idle or reset"),
        };
    }

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public async Task<AttackResult> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Stopping.CancelAsync().ConfigureAwait(false);
            await ReleaseAsync().ConfigureAwait(false);
        }
        return Counters.ToResult(Options.Kind);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits for the attack's loops and closes its connections.</summary>
    protected abstract Task ReleaseAsync();
}
