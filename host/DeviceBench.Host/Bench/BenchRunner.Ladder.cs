using System.Globalization;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Bench;

public sealed partial class BenchRunner
{
    /// <summary>
    /// Holds each number of keep-alive connections of <see cref="BenchSettings.ConnectionsLadder"/> open in turn, with
    /// the ladder's modest rate spread over them, and files the board's memory beside the corrected latency. A step the
    /// contender cannot hold (the load generator's open-file limit, a contender that stops answering) says why and ends
    /// this contender's ladder; one that kills the contender ends its session, as any phase would. Where the board counts
    /// its open connections (STAT conns), a step it never saw all of is not held either.
    /// </summary>
    private async Task LadderAsync(SessionRecorder recorder, IRunningContender running, int port, CancellationToken cancellationToken)
    {
        // Connecting thousands of sockets takes seconds on a slow board; the warm-up is where that happens, discarded.
        var warmup = settings.Warmup < TimeSpan.FromSeconds(2) ? settings.Warmup : TimeSpan.FromSeconds(2);
        long? oneConnectionRss = null;
        foreach (int connections in settings.ConnectionsLadder)
        {
            string phase = $"ladder-{connections.ToString(CultureInfo.InvariantCulture)}";
            LoadResult result;
            string hlog;
            try
            {
                (result, hlog) = await MeasureAsync(recorder, phase, Options(port, connections, settings.LadderRate, settings.LadderStep, warmup), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or SessionFailedException)
            {
                // ArgumentException: the load generator cannot open that many files here (OpenFileBudget says which limit).
                FileLadderStep(recorder, new LadderStep(connections, settings.LadderRate, null, null, null, null, e.Message));
                return;
            }
            var stats = recorder.Session.Stats.Where(s => s.Phase == phase).ToList();
            var memory = stats.Where(s => s.Stat.Memory is not null).MaxBy(s => s.Stat.Memory!.Value.RssBytes)?.Stat.Memory;
            long? seen = stats.Max(s => s.Stat.Connections);
            if (connections == 1) oneConnectionRss = memory is { } held ? held.RssBytes : null;
            double? perConnection = connections > 1 && memory is { } m && oneConnectionRss is { } one ? (m.RssBytes - one) / (double)(connections - 1) : null;
            string? failure = running.HasExited ? "the contender exited"
                : seen < connections ? $"the board saw at most {seen} of {connections} connections: the rest never reached the server within the step"
                : PhaseStall.Describe(result, settings.LadderStep);
            FileLadderStep(recorder, new LadderStep(connections, settings.LadderRate, result, hlog, memory, perConnection, failure, seen));
            Event(string.Create(CultureInfo.InvariantCulture,
                $"{recorder.Session.Contender} {phase}: RSS {(memory is not { } r ? "-" : (r.RssBytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB")}, p99 {result.Latency.P99Micros:#,0} µs, errors {result.Errors.Total:#,0}{(failure is null ? "" : ": " + failure)}"));
            await CheckAliveAsync(recorder, running, phase, cancellationToken).ConfigureAwait(false);
            if (failure is not null) return;
            recorder.Phase = "ladder-rest";
        }
    }

    private void FileLadderStep(SessionRecorder recorder, LadderStep step)
    {
        recorder.Session.Ladder.Add(step);
        folder.Save(Run);
        if (step.Failure is not null && step.Load is null) Event($"{recorder.Session.Contender} ladder-{step.Connections}: not held: {step.Failure}");
    }
}
