using System.Globalization;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Load;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Bench;

/// <summary>
/// The comparison procedure of the design: per round, every contender in a shuffled order is started, its READY
/// baseline taken, settled, warmed up (discarded), driven to its closed-loop maximum, then measured open loop at
/// the same rates as every other contender, stopped and cooled down. Without fixed rates, a calibration pass (round
/// 0) first finds each maximum, and the rates are fractions of the slowest. Everything lands in the run folder as it
/// is measured; a failing session is recorded and the run goes on. Whatever else stops the run, it ends
/// <c>partial</c> or <c>failed</c> with the reason in run.json: nothing escapes <see cref="RunAsync"/>.
/// </summary>
public sealed partial class BenchRunner(IBoard board, BenchSettings settings, RunFolder folder, IBenchProgress? progress = null, MemoryProfile? memoryProfile = null)
{
    private readonly ReportReader _reader = new();
    private SessionRecorder? _current;
    private int _sessionIndex;

    public RunRecord Run { get; } = new()
    {
        Board = board.Name, Architecture = board.Architecture, StartedUtc = DateTimeOffset.UtcNow, Settings = settings,
        BoardNotes = [.. board.Notes], MemoryProfile = memoryProfile ?? MemoryProfile.Create(MemoryProfile.DefaultName, null, settings.Contenders),
    };

    /// <summary>The load engine; a test puts a failing one in its place.</summary>
    internal Func<LoadOptions, ILoadObserver?, CancellationToken, Task<LoadResult>> RunLoadAsync { get; init; } = LoadEngine.RunAsync;

    /// <exception cref="ArgumentException">The settings are not valid (see <see cref="BenchSettings.Validate"/>); nothing was started.</exception>
    public async Task<RunRecord> RunAsync(string artifactsDirectory, CancellationToken cancellationToken)
    {
        settings.Validate();
        var pump = Task.Run(() => PumpSerialAsync(CancellationToken.None), CancellationToken.None);
        // A full results disk stops the run as Ctrl-C would: the contender is stopped, what fits is kept.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, folder.Filled);
        try
        {
            folder.Save(Run);
            // Contenders started here inherit this process's open-file limit: raised first, so a local contender can hold
            // the ladder's top step if the hard limit allows (a step it cannot hold says why).
            if (settings.ConnectionsLadder.Count > 0 && OperatingSystem.IsLinux())
                Load.Linux.OpenFileLimit.Raise(settings.ConnectionsLadder.Max() + OpenFileBudget.RuntimeDescriptors);
            Run.ContenderCards = [.. ContenderCatalog.Cards(artifactsDirectory, board.Architecture, settings.Contenders)];
            await board.DeployAsync(artifactsDirectory, stop.Token).ConfigureAwait(false);
            Run.BoardCard = await DescribeBoardAsync(stop.Token).ConfigureAwait(false);
            _startTemperature = await board.ReadTemperatureAsync(stop.Token).ConfigureAwait(false);
            Run.Rates = settings.Rates.Count > 0 ? [.. settings.Rates] : await CalibrateAsync(stop.Token).ConfigureAwait(false);
            Event($"open-loop rates: {string.Join(", ", Run.Rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} req/s");
            folder.Save(Run);
            for (int round = 1; round <= settings.Rounds; round++)
                foreach (string contender in Shuffle(settings.Contenders, round))
                    await SessionAsync(contender, round, withRates: true, stop.Token).ConfigureAwait(false);
            var failed = Run.Sessions.Where(s => s.Status != SessionStatus.Ok).ToList();
            Run.Status = failed.Count == 0 ? RunStatus.Complete : RunStatus.Partial;
            Run.Reason = failed.Count == 0 ? null : string.Join("; ", failed.Select(s => $"{s.Contender} round {s.Round}: {s.Reason}"));
        }
        catch (Exception e) when (RunFolder.IsDiskFull(e) || (e is OperationCanceledException && folder.Problem is not null))
        {
            Run.Status = Run.Sessions.Count > 0 ? RunStatus.Partial : RunStatus.Failed;
            Run.Reason = e is IOException io ? folder.MarkFull(io) : folder.Problem;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Run.Status = RunStatus.Partial;
            Run.Reason = "stopped by the user (Ctrl-C) before the run finished";
        }
#pragma warning disable CA1031 // Whatever stops a run, run.json must say so: a record left "running" reads as a host that died.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Run.Status = Run.Sessions.Count > 0 ? RunStatus.Partial : RunStatus.Failed;
            Run.Reason = e.Message;
            // Not a failure the bench knows (a board, a file, a session): the whole story goes to events.log for a bug report.
            if (e is not (IOException or UnauthorizedAccessException or SessionFailedException))
                folder.AppendEvent($"unexpected failure: {e.ToString().ReplaceLineEndings(" | ")}");
        }
        finally
        {
            Run.FinishedUtc = DateTimeOffset.UtcNow;
            SaveSerialCounts();
            SaveLast();
            Event($"run {Run.Status.Text()}{(Run.Reason is null ? "" : ": " + Run.Reason)}");
        }
        _current = null;
        await Task.WhenAny(pump, Task.Delay(100, CancellationToken.None)).ConfigureAwait(false);
        return Run;
    }

    /// <summary>The final save; if even that fails (the folder was removed, say), the returned record says so.</summary>
    private void SaveLast()
    {
        try { folder.TrySave(Run); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Run.Status = Run.Sessions.Count > 0 ? RunStatus.Partial : RunStatus.Failed;
            if (Run.Reason?.Contains(e.Message, StringComparison.Ordinal) != true)
                Run.Reason = $"{(Run.Reason is null ? "" : Run.Reason + "; ")}run.json could not be saved: {e.Message}";
        }
    }

    /// <summary>The board card; a board that cannot be asked still gets measured, and the run says why its card is missing.</summary>
    private async Task<BoardCard?> DescribeBoardAsync(CancellationToken cancellationToken)
    {
        try { return await board.DescribeAsync(cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or InvalidOperationException or HttpRequestException)
        {
            Event($"board card: the board could not be asked ({e.Message})");
            return null;
        }
    }

    private async Task<List<double>> CalibrateAsync(CancellationToken cancellationToken)
    {
        foreach (string contender in Shuffle(settings.Contenders, 0))
            await SessionAsync(contender, 0, withRates: false, cancellationToken).ConfigureAwait(false);
        var maxima = Run.Sessions.Where(s => s.Round == 0 && s.Status == SessionStatus.Ok)
            .SelectMany(s => s.Phases.Where(p => p.Name == PhaseResult.Max)).Select(p => p.Load.RequestsPerSecond).Where(r => r > 0).ToList();
        if (maxima.Count == 0) throw new SessionFailedException("calibration found no contender's maximum throughput: nothing to measure against");
        double slowest = maxima.Min();
        return [.. settings.RateFractions.Select(f => Math.Max(1, Math.Round(slowest * f)))];
    }

    private string[] Shuffle(IReadOnlyList<string> contenders, int round)
    {
        var order = contenders.ToArray();
        new Random(HashCode.Combine(settings.Seed, round)).Shuffle(order);
        return order;
    }

    private async Task PumpSerialAsync(CancellationToken cancellationToken)
    {
        await foreach (string line in board.ReportLines.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = _reader.Read(line);
            // Filed under the folder's lock, which every save serialises the run under: a save never meets a list mid-append.
            folder.AppendSerial(line, record is null ? null : () => _current?.Accept(record));
        }
    }

    private void SaveSerialCounts() =>
        Run.Serial = new SerialCounts(_reader.ValidLines, _reader.CorruptLines, _reader.NoiseLines, _reader.UnknownRecords);

    private void Event(string text)
    {
        folder.AppendEvent(text);
        progress?.Report(text);
    }
}
