using System.Diagnostics;

namespace DeviceBench.Firmware.Engines;

/// <summary>
/// What an engine tells the firmware about its traffic: request timing (parsed → response written), request and
/// connection counts. Lock-free and allocation-free: engines call it on the hot path.
/// </summary>
internal sealed class RequestMeter
{
    private readonly IRequestMarker? _marker;
    private readonly int _markEvery;
    private long _requests;
    private long _connections;

    /// <param name="marker">Raised around 1 of every <paramref name="markEvery"/> requests (a logic analyser's trigger).</param>
    public RequestMeter(IRequestMarker? marker = null, int markEvery = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(markEvery, 1);
        _marker = marker;
        _markEvery = markEvery;
    }

    public LatencyHistogram Latency { get; } = new();
    public long Requests => Volatile.Read(ref _requests);
    public long Connections => Volatile.Read(ref _connections);

    /// <summary>Call when a request has been parsed; pass the result to <see cref="EndRequest(RequestTiming)"/> once its
    /// response is written.</summary>
    public RequestTiming BeginRequest() => BeginRequest(Stopwatch.GetTimestamp());

    /// <summary>As <see cref="BeginRequest()"/> with a <see cref="Stopwatch"/> timestamp the caller already read: an
    /// engine answering a batch of requests parsed together reads the clock once for all of them.</summary>
    public RequestTiming BeginRequest(long startTimestamp)
    {
        long n = Interlocked.Increment(ref _requests);
        bool marked = _marker is not null && n % _markEvery == 0;
        if (marked) _marker!.Raise();
        return new RequestTiming(startTimestamp, marked);
    }

    public void EndRequest(RequestTiming timing) => EndRequest(timing, Stopwatch.GetTimestamp());

    /// <summary>As <see cref="EndRequest(RequestTiming)"/> at <paramref name="endTimestamp"/>: one clock read for a batch
    /// written by one send.</summary>
    public void EndRequest(RequestTiming timing, long endTimestamp)
    {
        long micros = (long)Stopwatch.GetElapsedTime(timing.StartTimestamp, endTimestamp).TotalMicroseconds;
        if (timing.Marked) _marker!.Lower();
        Latency.Record(micros);
    }

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);
}

/// <summary>When a request started and whether it carries the marker pin.</summary>
internal readonly record struct RequestTiming(long StartTimestamp, bool Marked);
