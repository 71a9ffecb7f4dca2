using System.Threading;

namespace DeviceBench.NanoFramework
{
    /// <summary>
    /// Fixed buckets of microseconds, HdrHistogram's log-linear layout cut down for a microcontroller's heap: below
    /// 32 µs exact, above that 16 buckets per power of two (upper bound at most 6.25 % high), up to 2^27 µs ≈ 134 s —
    /// 384 counters, 1.5 KB. <see cref="Record"/> is one interlocked increment: no allocation per request.
    /// </summary>
    public sealed class LatencyHistogram
    {
        private const int LinearBits = 5;
        private const int Linear = 1 << LinearBits;
        private const int SubBuckets = Linear / 2;
        private const int MaxMagnitude = 22;
        public const int BucketCount = Linear + MaxMagnitude * SubBuckets;

        private readonly int[] _live = new int[BucketCount];
        private readonly int[] _interval = new int[BucketCount];
        private int _intervalTotal;

        /// <summary>Called from request handling; safe beside <see cref="TakeInterval"/> on the reporter's thread.</summary>
        public void Record(long micros)
        {
            Interlocked.Increment(ref _live[IndexOf(micros)]);
        }

        /// <summary>Moves what was recorded since the last call into the interval the percentiles below read.</summary>
        public int TakeInterval()
        {
            int total = 0;
            for (int i = 0; i < BucketCount; i++)
            {
                int count = Interlocked.Exchange(ref _live[i], 0);
                _interval[i] = count;
                total += count;
            }
            _intervalTotal = total;
            return total;
        }

        public int IntervalCount
        {
            get { return _intervalTotal; }
        }

        /// <summary>The upper bound of the bucket holding the recording at <paramref name="perTenThousand"/> (9900 = P99); 0 when empty.</summary>
        public long ValueAt(int perTenThousand)
        {
            if (_intervalTotal == 0) return 0;
            long rank = ((long)_intervalTotal * perTenThousand + 9999) / 10000;
            if (rank < 1) rank = 1;
            if (rank > _intervalTotal) rank = _intervalTotal;
            long seen = 0;
            for (int i = 0; i < BucketCount; i++)
            {
                seen += _interval[i];
                if (seen >= rank) return HighestEquivalentValue(i);
            }
            return HighestEquivalentValue(BucketCount - 1);
        }

        public long Max
        {
            get
            {
                for (int i = BucketCount - 1; i >= 0; i--)
                    if (_interval[i] != 0) return HighestEquivalentValue(i);
                return 0;
            }
        }

        public static int IndexOf(long micros)
        {
            if (micros < Linear) return micros < 0 ? 0 : (int)micros;
            int highestBit = 0;
            for (long v = micros; v > 1; v >>= 1) highestBit++;
            int magnitude = highestBit - (LinearBits - 1);
            if (magnitude > MaxMagnitude) return BucketCount - 1;
            int sub = (int)(micros >> magnitude) - SubBuckets;
            return Linear + (magnitude - 1) * SubBuckets + sub;
        }

        public static long HighestEquivalentValue(int index)
        {
            if (index < Linear) return index;
            int magnitude = (index - Linear) / SubBuckets + 1;
            long sub = (index - Linear) % SubBuckets + SubBuckets;
            return ((sub + 1) << magnitude) - 1;
        }
    }
}
