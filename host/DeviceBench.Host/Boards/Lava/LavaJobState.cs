namespace DeviceBench.Host.Boards.Lava;

/// <summary>A LAVA job as the server reports it: <c>state</c> (Submitted, Scheduled, Running, Finished, …), <c>health</c> (Complete, Incomplete, Canceled) and where it ran.</summary>
public sealed record LavaJobState(long Id, string State, string Health, string? Device, string? DeviceType, DateTimeOffset? StartedUtc)
{
    public bool IsFinished => State is "Finished" or "Canceled";
}
