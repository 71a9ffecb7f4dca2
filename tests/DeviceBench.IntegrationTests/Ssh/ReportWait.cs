using DeviceBench.Host.Boards;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Ssh;

/// <summary>Reads a board's ReportLines through the protocol reader until the records a test needs have arrived.</summary>
public sealed class ReportWait(IBoard board)
{
    public ReportReader Reader { get; } = new();

    public List<object> Records { get; } = [];

    public List<string> Lines { get; } = [];

    /// <summary>Reads until <paramref name="done"/> holds for the records so far; throws with everything seen on timeout.</summary>
    public async Task UntilAsync(Func<List<object>, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (!done(Records))
            {
                string line = await board.ReportLines.ReadAsync(cancel.Token);
                Lines.Add(line);
                if (Reader.Read(line) is { } record) Records.Add(record);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"records not there within {timeout}; lines:\n{string.Join('\n', Lines)}");
        }
    }
}
