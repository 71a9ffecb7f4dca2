namespace DeviceBench.Host.Boards;

/// <summary>A contender's command line on the board, with <c>{dir}</c> and <c>{serial}</c> left for the board to fill.</summary>
public sealed record ContenderLaunch(string Name, IReadOnlyList<string> Command, int Port);
