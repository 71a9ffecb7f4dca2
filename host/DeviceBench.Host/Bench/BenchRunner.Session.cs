using System.Globalization;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

public sealed partial class BenchRunner
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private async Task SessionAsync(string contender, int round, bool withRates, CancellationToken cancellationToken)
    {
        var session = new ContenderSession { Contender = contender, Round = round, StartedUtc = DateTimeOffset.UtcNow };
        var recorder = new SessionRecorder(session);
        Run.Sessions.Add(session);
        _current = recorder;
        int port = board.PickPort(_sessionIndex++);
        Event($"{contender} round {round}: start on port {port}");
        IRunningContender? running = null;
        try
        {
            running = await board.StartAsync(ContenderCatalog.Launch(contender, port, settings.Threads ?? board.Profile.Workers, settings.ReportInterval,
                    Run.MemoryProfile?.Environment(contender)), cancellationToken)
                .ConfigureAwait(false);
            await WaitForReadyAsync(recorder, running, cancellationToken).ConfigureAwait(false);
            recorder.Phase = "settle";
            await Task.Delay(settings.Settle, cancellationToken).ConfigureAwait(false);
            session.SettledBaseline = recorder.LatestMemory;
            folder.Save(Run);
            await PhaseAsync(recorder, running, PhaseResult.Max, null, port, cancellationToken).ConfigureAwait(false);
            if (withRates)
                foreach (double rate in Run.Rates)
                    await PhaseAsync(recorder, running, $"rate-{rate.ToString("0", CultureInfo.InvariantCulture)}", rate, port, cancellationToken).ConfigureAwait(false);
            if (withRates && settings.ConnectionsLadder.Count > 0) await LadderAsync(recorder, running, port, cancellationToken).ConfigureAwait(false);
            if (withRates && settings.Slo is not null) await KneeAsync(recorder, running, port, cancellationToken).ConfigureAwait(false);
            session.Status = SessionStatus.Ok;
        }
        catch (SessionFailedException e)
        {
            session.Status = SessionStatus.Failed;
            session.Reason = e.Message;
            Event($"{contender} round {round}: failed: {e.Message}");
        }
        catch (Exception e)
        {
            // Whatever else ends a session ends the run (Ctrl-C, a full disk, a fault of the host): the session says why first.
            session.Status = SessionStatus.Failed;
            session.Reason = e switch
            {
                IOException io when RunFolder.IsDiskFull(io) => folder.MarkFull(io),
                OperationCanceledException => folder.Problem ?? "stopped by the user",
                _ => e.Message,
            };
            throw;
        }
        finally
        {
            recorder.Phase = "stop";
            if (running is not null)
            {
                session.ExitCode = await running.StopAsync(StopGrace).ConfigureAwait(false);
                await Task.WhenAny(recorder.Ended.Task, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None)).ConfigureAwait(false);
                await running.DisposeAsync().ConfigureAwait(false);
            }
            // A board that took longer to boot again than the phase had left first looked like a contender that stopped
            // answering; its BOOT, arriving by now, names the cause.
            if (session.Status == SessionStatus.Failed && recorder.ResetReason is { } reset && session.Reason != reset)
                session.Reason = $"{reset} (first seen as: {session.Reason})";
            folder.Save(Run);
        }
        await CooldownAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForReadyAsync(SessionRecorder recorder, IRunningContender running, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.ReadyTimeout;
        while (!recorder.Ready.Task.IsCompleted)
        {
            if (running.HasExited) throw new SessionFailedException($"exited before READY (exit code {await running.StopAsync(StopGrace).ConfigureAwait(false)})");
            if (DateTime.UtcNow > deadline) throw new SessionFailedException($"no READY within {settings.ReadyTimeout.TotalSeconds:0} s");
            await Task.WhenAny(recorder.Ready.Task, Task.Delay(50, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        var ready = recorder.Session.Ready!;
        Event(string.Create(CultureInfo.InvariantCulture, $"{recorder.Session.Contender}: READY, baseline ")
            + (ready.Memory is { } rss ? string.Create(CultureInfo.InvariantCulture, $"RSS {rss.RssBytes / (1024.0 * 1024):0.0} MiB")
                : string.Create(CultureInfo.InvariantCulture, $"managed heap used {ready.Heap!.Value.ManagedUsedBytes / 1024.0:0.0} kB")));
    }

    private async Task PhaseAsync(SessionRecorder recorder, IRunningContender running, string phase, double? rate, int port, CancellationToken cancellationToken)
    {
        var duration = rate is null ? settings.MaxDuration : settings.RateDuration;
        PhaseStarting(recorder.Session.Contender, recorder.Session.Round, phase, duration);
        var (result, hlog) = await MeasureAsync(recorder, phase, Options(port, settings.Connections, rate, duration, settings.Warmup), cancellationToken).ConfigureAwait(false);
        recorder.Session.Phases.Add(new PhaseResult(phase, rate, result, hlog));
        folder.Save(Run);
        Event(string.Create(CultureInfo.InvariantCulture,
            $"{recorder.Session.Contender} round {recorder.Session.Round} {phase}: {result.RequestsPerSecond:#,0} req/s, p99 {result.Latency.P99Micros:#,0} µs, errors {result.Errors.Total:#,0}"));
        await CheckAfterAsync(recorder, running, phase, result, duration, cancellationToken).ConfigureAwait(false);
    }

    private LoadOptions Options(int port, int connections, double? rate, TimeSpan duration, TimeSpan warmup) => new()
    {
        Url = new Uri(board.ServerUri(port), settings.Path),
        Connections = connections,
        Threads = Math.Max(1, board.Profile.LoadCpus.Count),
        Warmup = warmup,
        Duration = duration,
        RatePerSecond = rate,
        ExpectedStatus = 200,
        Timeout = settings.RequestTimeout,
    };

    /// <summary>One load run against the contender, its intervals logged to hlog/; what was measured is returned, not filed.</summary>
    private async Task<(LoadResult Result, string HlogFile)> MeasureAsync(SessionRecorder recorder, string phase, LoadOptions options, CancellationToken cancellationToken)
    {
        var (relative, full) = folder.HlogPath(recorder.Session.Contender, recorder.Session.Round, phase);
        recorder.Phase = phase;
        using var hlog = new HlogIntervalWriter(File.Create(full));
        try
        {
            // A board that resets mid-phase ends the phase at once: what was measured before is kept, and nothing is
            // measured against a board that is rebooting.
            using var phaseStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var load = RunLoadAsync(options, hlog, phaseStop.Token);
            if (await Task.WhenAny(load, recorder.BoardReset.Task).ConfigureAwait(false) != load) await phaseStop.CancelAsync().ConfigureAwait(false);
            return (await load.ConfigureAwait(false), relative);
        }
        catch (AggregateException e)
        {
            // The engine gathers its worker threads' failures into one exception. The load generator broke, not
            // necessarily the contender, but the phase's figures are lost either way: the session fails, the run goes on.
            string why = string.Join("; ", e.Flatten().InnerExceptions.Select(i => i.Message).Distinct());
            throw new SessionFailedException($"the load generator failed during {phase}: {why}");
        }
    }

    /// <summary>After a phase: Ctrl-C, a board reset, an exited or silent contender end the session.</summary>
    private static async Task CheckAfterAsync(SessionRecorder recorder, IRunningContender running, string phase, LoadResult result, TimeSpan duration, CancellationToken cancellationToken)
    {
        await CheckAliveAsync(recorder, running, phase, cancellationToken).ConfigureAwait(false);
        if (PhaseStall.Describe(result, duration) is { } stall) throw new SessionFailedException($"contender stopped answering during {phase}: {stall}");
    }

    /// <summary>Ctrl-C, a board reset or an exited contender end the session.</summary>
    private static async Task CheckAliveAsync(SessionRecorder recorder, IRunningContender running, string phase, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (recorder.ResetReason is { } reset) throw new SessionFailedException(reset);
        if (running.HasExited) throw new SessionFailedException($"contender exited during {phase} (exit code {await running.StopAsync(StopGrace).ConfigureAwait(false)})");
    }

    private async Task CooldownAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(settings.Cooldown, cancellationToken).ConfigureAwait(false);
        // A board that reports its temperature cools back to within 2 °C of where the run started, for at most a minute.
        if (_startTemperature is not { } start) return;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && await board.ReadTemperatureAsync(cancellationToken).ConfigureAwait(false) is { } now && now > start + 2000)
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
    }

    private long? _startTemperature;
}
