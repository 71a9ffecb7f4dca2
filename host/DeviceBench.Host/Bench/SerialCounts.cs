namespace DeviceBench.Host.Bench;

/// <summary>How the serial line fared: records kept, corrupt lines dropped, noise skipped.</summary>
public sealed record SerialCounts(long ValidLines = 0, long CorruptLines = 0, long NoiseLines = 0, long UnknownRecords = 0);
