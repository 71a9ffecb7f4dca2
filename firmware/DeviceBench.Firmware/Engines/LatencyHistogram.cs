using System.Numerics;

namespace DeviceBench.Firmware.Engines;

/// <summary>
/// Fixed-memory log-linear histogram of microseconds (HdrHistogram's layout): values below 128 µs are exact, above
/// that each power of two is split into 64 buckets (≤ 1.6 % error), up to 2^36 µs ≈ 19 h — 1,984 counters, 16 KB.
/// Recording is lock-free and allocation-free, so engines call it on the hot path from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearBits = 7;
    private const int Linear = 1 << LinearBits;
    private const int HalfLinear = Linear / 2;
    private const int MaxMagnitude = 29;
    private readonly long[] _counts = new long[Linear + MaxMagnitude * HalfLinear];

    public void Record(long micros) => Interlocked.Increment(ref _counts[IndexOf(micros)]);

    public long TotalCount
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _counts.Length; i++) total += Volatile.Read(ref _counts[i]);
            return total;
        }
    }

    /// <summary>The value at or below which <paramref name="percentile"/> % of recordings fall (upper bound of its bucket).</summary>
    public long ValueAtPercentile(double percentile)
    {
        long total = TotalCount;
        if (total == 0) return 0;
        long rank = Math.Clamp((long)Math.Ceiling(percentile / 100.0 * total), 1, total);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank) return HighestEquivalentValue(i);
        }
        return HighestEquivalentValue(_counts.Length - 1);
    }

    public long MaxValue
    {
        get
        {
            for (int i = _counts.Length - 1; i >= 0; i--) if (Volatile.Read(ref _counts[i]) != 0) return HighestEquivalentValue(i);
            return 0;
        }
    }

    /// <summary>Moves this histogram's counts into <paramref name="target"/> (an interval swap needing no second live array).</summary>
    public void DrainInto(LatencyHistogram target)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            long c = Interlocked.Exchange(ref _counts[i], 0);
            if (c != 0) target._counts[i] += c;
        }
    }

    public void Clear() => Array.Clear(_counts);

    internal static int IndexOf(long micros)
    {
        if (micros < Linear) return (int)Math.Max(0, micros);
        int magnitude = 63 - BitOperations.LeadingZeroCount((ulong)micros) - (LinearBits - 1);
        if (magnitude > MaxMagnitude) return Linear + MaxMagnitude * HalfLinear - 1;
        int sub = (int)(micros >> magnitude) - HalfLinear;
        return Linear + (magnitude - 1) * HalfLinear + sub;
    }

    internal static long HighestEquivalentValue(int index)
    {
        if (index < Linear) return index;
        int magnitude = (index - Linear) / HalfLinear + 1;
        long sub = (index - Linear) % HalfLinear + HalfLinear;
        return ((sub + 1) << magnitude) - 1;
    }
}
