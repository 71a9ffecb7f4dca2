using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sampling;

/// <summary>One reading of a process from /proc: memory, cumulative CPU time and threads.</summary>
internal readonly record struct ProcessSample(MemoryFigures Memory, long CpuTicks, long Threads, long TakenTimestamp);
