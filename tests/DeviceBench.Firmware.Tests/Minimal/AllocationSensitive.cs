namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>Tests that read process-wide GC figures run alone, so other tests' allocations cannot move them.</summary>
[CollectionDefinition(nameof(AllocationSensitive), DisableParallelization = true)]
public class AllocationSensitive;
