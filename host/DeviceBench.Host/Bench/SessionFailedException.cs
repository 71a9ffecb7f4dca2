namespace DeviceBench.Host.Bench;

/// <summary>A contender session could not go on (crash, reset, no READY); the run records why and moves to the next.</summary>
public sealed class SessionFailedException(string message) : Exception(message);
