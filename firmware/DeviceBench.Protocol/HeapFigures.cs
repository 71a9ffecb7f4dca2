namespace DeviceBench.Protocol;

/// <summary>
/// A microcontroller's memory, which is heap, not a process's resident set: nanoFramework's managed heap in use and
/// free (after a collection), and the native (ESP-IDF) heap left free, in bytes. Never shown as RSS.
/// </summary>
/// <param name="NativeFreeBytes">Absent where the platform does not report its native heap.</param>
public readonly record struct HeapFigures(long ManagedUsedBytes, long ManagedFreeBytes, long? NativeFreeBytes)
{
    internal void WriteTo(ReportLine line) =>
        line.Add("heap_used_bytes", ManagedUsedBytes).Add("heap_free_bytes", ManagedFreeBytes).Add("native_free_bytes", NativeFreeBytes);

    internal static HeapFigures? ReadFrom(ReportLine line) =>
        line.GetInt64("heap_used_bytes") is { } used && line.GetInt64("heap_free_bytes") is { } free
            ? new HeapFigures(used, free, line.GetInt64("native_free_bytes"))
            : null;
}
