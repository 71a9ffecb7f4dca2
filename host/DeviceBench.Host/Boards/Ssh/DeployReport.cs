namespace DeviceBench.Host.Boards.Ssh;

/// <summary>What the last deploy did: the board folder contenders run from, the files copied and those already there intact.</summary>
public sealed record DeployReport(string RemoteDirectory, IReadOnlyList<string> Uploaded, IReadOnlyList<string> Skipped);
