namespace DeviceBench.Firmware.Tests;

/// <summary>Tests that check timer-driven behaviour run alone, not beside load-generating tests on a 2-core machine.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;
