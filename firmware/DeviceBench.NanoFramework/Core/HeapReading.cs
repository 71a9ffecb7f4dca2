namespace DeviceBench.NanoFramework
{
    /// <summary>
    /// The device's memory at one moment: nanoFramework's managed heap (after a collection) and the native heap the
    /// ESP-IDF has left. Protocol keys heap_used_bytes, heap_free_bytes, native_free_bytes — never RSS.
    /// </summary>
    public sealed class HeapReading
    {
        public HeapReading(long managedUsedBytes, long managedFreeBytes, long nativeFreeBytes)
        {
            ManagedUsedBytes = managedUsedBytes;
            ManagedFreeBytes = managedFreeBytes;
            NativeFreeBytes = nativeFreeBytes;
        }

        public long ManagedUsedBytes { get; }

        public long ManagedFreeBytes { get; }

        /// <summary>Negative where the platform does not report it (its key is then omitted, never sent as zero).</summary>
        public long NativeFreeBytes { get; }

        internal void WriteTo(ReportLineWriter line)
        {
            line.Add("heap_used_bytes", ManagedUsedBytes).Add("heap_free_bytes", ManagedFreeBytes);
            if (NativeFreeBytes >= 0) line.Add("native_free_bytes", NativeFreeBytes);
        }
    }
}
