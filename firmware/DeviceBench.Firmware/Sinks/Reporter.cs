using System.Diagnostics;
using DeviceBench.Firmware.Linux;
using DeviceBench.Firmware.Sampling;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>
/// The one place records are made and fanned out: BOOT, READY (baseline), a STAT per interval with the ALARMs its
/// figures trigger, END. A sink that throws is reported once on stderr and dropped; the server keeps serving.
/// </summary>
internal sealed class Reporter(Sampler sampler, IReadOnlyList<IRecordSink> sinks, Budgets budgets, TimeSpan interval) : IDisposable
{
    private readonly List<IRecordSink> _sinks = [.. sinks];

    public StatRecord? LastStat { get; private set; }

    /// <summary>Formats the record once and hands the line to every sink.</summary>
    public void Publish(IReportRecord record)
    {
        var line = record.ToLine();
        foreach (var sink in _sinks.ToArray())
        {
            try { sink.Publish(line, record); }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or TimeoutException)
            {
                StandardStreams.Error.WriteLine($"devicebench-fw: report sink {sink.GetType().Name} failed and is disabled: {e.Message}");
                _sinks.Remove(sink);
                sink.Dispose();
            }
        }
    }

    /// <summary>Sends READY with the subject's memory now — the baseline — and returns false if the subject is gone.</summary>
    public bool Ready(long pid, long? port)
    {
        if (sampler.ReadProcess() is not { } sample) return false;
        var ready = new ReadyRecord(pid, port, (long)sampler.Uptime.TotalMilliseconds, sample.Memory, sample.Threads);
        Publish(ready);
        return true;
    }

    /// <summary>
    /// Reports every interval on the calling thread until cancelled or the subject is gone (then returns false). A plain
    /// wait, not a timer: reporting alone starts no timer thread and no thread-pool threads, whose stacks, malloc arenas
    /// and code pages would all count in the baseline it reports. Missed ticks are skipped, as a periodic timer does.
    /// </summary>
    public bool Run(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp(), next = 1;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (interval * next < elapsed) next = (long)(elapsed / interval) + 1;
            if (cancellationToken.WaitHandle.WaitOne(interval * next - elapsed)) return true;
            if (!Tick()) return false;
            next++;
        }
    }

    /// <summary>One interval: STAT, then the ALARMs it raises or clears. False when the subject is gone.</summary>
    public bool Tick()
    {
        if (sampler.Sample() is not { } stat) return false;
        LastStat = stat;
        Publish(stat);
        foreach (var alarm in budgets.Evaluate(stat)) Publish(alarm);
        return true;
    }

    public void End(string reason, long? exitCode)
    {
        long hwm = sampler.ReadProcess()?.Memory.HwmBytes ?? LastStat?.Memory?.HwmBytes ?? 0;
        var end = new EndRecord(reason, exitCode, (long)sampler.Uptime.TotalMilliseconds, LastStat?.Requests, hwm);
        Publish(end);
    }

    public void Dispose()
    {
        foreach (var sink in _sinks) sink.Dispose();
        _sinks.Clear();
    }
}
