using System.Threading;

namespace DeviceBench.NanoFramework
{
    /// <summary>
    /// Makes the device's protocol-v1 lines: BOOT and READY once, then per interval a STAT (heap, requests, rps and
    /// this interval's P50/P99/P99.9/max) and an ALARM when the P99 budget is crossed. The READY line is repeated
    /// unchanged every <see cref="ReadyRepeatTicks"/> intervals: a board flashed out of band booted before the host
    /// attached, and READY (the baseline before the first request) is what the host waits for. Keys and their order
    /// are DeviceBench.Protocol's, so the host formats what it parses back to these bytes.
    /// </summary>
    public sealed class DeviceReporter
    {
        public const int ReadyRepeatTicks = 10;
        public const string Subject = "nanoframework";

        private readonly string _firmwareVersion;
        private readonly string _arch;
        private readonly int _cores;
        private readonly long _memTotalBytes;
        private readonly int _port;
        private readonly long _p99BudgetMicros;
        private int _requests;
        private int _requestsAtLastTick;
        private long _lastTickMillis;
        private long _seq;
        private string _readyLine;

        /// <param name="arch"><c>xtensa</c> (ESP32, ESP32-S3) or <c>riscv32</c> (ESP32-C3).</param>
        /// <param name="memTotalBytes">The native heap's size at boot (the chip's RAM that the firmware can use).</param>
        /// <param name="p99BudgetMicros">ALARM above this P99; 0 for no budget.</param>
        public DeviceReporter(string firmwareVersion, string arch, int cores, long memTotalBytes, int port, long p99BudgetMicros)
        {
            _firmwareVersion = firmwareVersion;
            _arch = arch;
            _cores = cores;
            _memTotalBytes = memTotalBytes;
            _port = port;
            _p99BudgetMicros = p99BudgetMicros;
            Latency = new LatencyHistogram();
        }

        public LatencyHistogram Latency { get; }

        public bool AlarmRaised { get; private set; }

        public long Requests
        {
            get { return _requests; }
        }

        /// <summary>One request answered, <paramref name="micros"/> from request received to response written. No allocation.</summary>
        public void RequestServed(long micros)
        {
            Interlocked.Increment(ref _requests);
            Latency.Record(micros);
        }

        public string BootLine()
        {
            return new ReportLineWriter("BOOT").Add("fw", _firmwareVersion).Add("mode", "serve").Add("subject", Subject)
                .Add("arch", _arch).Add("cores", _cores).Add("mem_total_bytes", _memTotalBytes).ToString();
        }

        /// <summary>The baseline: heap after start-up, before the first request. Kept to be repeated by <see cref="Tick"/>.</summary>
        public string ReadyLine(long startupMillis, HeapReading heap)
        {
            var line = new ReportLineWriter("READY").Add("port", _port).Add("startup_ms", startupMillis);
            heap.WriteTo(line);
            _readyLine = line.ToString();
            _lastTickMillis = startupMillis;
            return _readyLine;
        }

        /// <summary>One interval: the STAT line, then an ALARM if the P99 budget changed state, then READY again every tenth interval.</summary>
        public string[] Tick(long uptimeMillis, HeapReading heap)
        {
            _seq++;
            int requests = _requests;
            int served = requests - _requestsAtLastTick;
            long elapsed = uptimeMillis - _lastTickMillis;
            _requestsAtLastTick = requests;
            _lastTickMillis = uptimeMillis;
            int recorded = Latency.TakeInterval();

            var stat = new ReportLineWriter("STAT").Add("seq", _seq).Add("uptime_ms", uptimeMillis);
            heap.WriteTo(stat);
            stat.Add("requests", requests).Add("rps", elapsed > 0 ? served * 1000L / elapsed : 0);
            long p99 = 0;
            if (recorded > 0)
            {
                p99 = Latency.ValueAt(9900);
                stat.Add("p50_us", Latency.ValueAt(5000)).Add("p99_us", p99).Add("p999_us", Latency.ValueAt(9990)).Add("max_us", Latency.Max);
            }

            string alarm = null;
            bool over = _p99BudgetMicros > 0 && recorded > 0 && p99 > _p99BudgetMicros;
            // An interval without requests leaves the alarm as it was: no traffic is not a recovery.
            if (_p99BudgetMicros > 0 && recorded > 0 && over != AlarmRaised)
            {
                AlarmRaised = over;
                alarm = new ReportLineWriter("ALARM").Add("seq", _seq).Add("budget", "p99").Add("state", over ? "raised" : "cleared")
                    .Add("value", p99).Add("limit", _p99BudgetMicros).ToString();
            }
            bool repeatReady = _readyLine != null && _seq % ReadyRepeatTicks == 0;

            var lines = new string[1 + (alarm != null ? 1 : 0) + (repeatReady ? 1 : 0)];
            int next = 0;
            lines[next++] = stat.ToString();
            if (alarm != null) lines[next++] = alarm;
            if (repeatReady) lines[next] = _readyLine;
            return lines;
        }
    }
}
