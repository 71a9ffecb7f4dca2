namespace DeviceBench.Host.Boards;

/// <summary>A contender process on a board.</summary>
public interface IRunningContender : IAsyncDisposable
{
    bool HasExited { get; }

    /// <summary>SIGTERM, a grace period, then SIGKILL; returns the exit code when the board can tell.</summary>
    Task<int?> StopAsync(TimeSpan grace);
}
