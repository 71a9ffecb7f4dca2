using DeviceBench.Firmware.Engines.Minimal.Linux;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>Once a second: the Date field, the allocation figure, and every connection's timeouts.</summary>
internal sealed partial class EventLoop
{
    private void OnSecond()
    {
        var utcNow = DateTime.UtcNow;
        _responder.Responses.SetDate(utcNow);
        // Next tick on the next wall-clock second, so the cached Date is never more than a tick behind.
        _nextSecondMillis = _nowMillis + 1000 - utcNow.Millisecond;
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        if (_listenerPaused && Epoll.Add(_epoll, _listenerFd, Epoll.In, ListenerToken) == 0) _listenerPaused = false;
        // A scan rather than a timer wheel: 10,000 slots of 136 bytes take microseconds, once a second.
        long idle = (long)_options.IdleTimeout.TotalMilliseconds;
        long header = (long)_options.HeaderReadTimeout.TotalMilliseconds;
        long linger = (long)_options.LingerTimeout.TotalMilliseconds;
        for (int slot = 0; slot < _connections.Count; slot++)
        {
            ref var c = ref _connections[slot];
            switch (c.Phase)
            {
                case ConnectionPhase.Open when c.Parser.IsReadingHead:
                    if (_nowMillis - c.PhaseStartMillis > header)
                    {
                        // Slowloris: a head that never completes. 408 (RFC 9110 §15.5.9), then close.
                        _responder.AppendError(408);
                        Flush(slot, ref c, keepOpen: false);
                    }
                    break;
                case ConnectionPhase.Open or ConnectionPhase.Flushing:
                    // Idle between requests (closed silently, RFC 9112 §9.5), a body or a reader that stalled.
                    if (_nowMillis - c.LastActivityMillis > idle) Close(slot);
                    break;
                case ConnectionPhase.Lingering:
                    if (_nowMillis - c.PhaseStartMillis > linger) Close(slot);
                    break;
            }
        }
    }
}
