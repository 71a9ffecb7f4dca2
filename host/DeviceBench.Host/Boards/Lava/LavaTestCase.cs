namespace DeviceBench.Host.Boards.Lava;

/// <summary>One LAVA test case: its suite (test definition, e.g. <c>0_devicebench-round-1</c>), name, result, and the measurement if it has one.</summary>
public sealed record LavaTestCase(string Suite, string Name, string Result, decimal? Measurement, string? Units);
