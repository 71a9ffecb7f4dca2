using DeviceBench.Firmware.Engines;

namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>A marker pin that counts its edges (the GPIO marker, without a board).</summary>
internal sealed class RecordingMarker : IRequestMarker
{
    private int _raised;
    private int _lowered;

    public int Raised => Volatile.Read(ref _raised);

    public int Lowered => Volatile.Read(ref _lowered);

    public void Raise() => Interlocked.Increment(ref _raised);

    public void Lower() => Interlocked.Increment(ref _lowered);
}
