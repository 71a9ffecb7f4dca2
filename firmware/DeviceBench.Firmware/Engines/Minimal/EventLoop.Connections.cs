using DeviceBench.Firmware.Engines.Minimal.Linux;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>Accepting, reading, answering, flushing and closing connections.</summary>
internal sealed unsafe partial class EventLoop
{
    /// <summary>Accepts per listener wake-up before serving the connections that are ready: fairness under a storm.</summary>
    private const int AcceptsPerWake = 64;

    /// <summary>Full receive chunks read from one connection per event before the loop serves the others; a connection
    /// still holding bytes after that is re-armed, which queues it behind them.</summary>
    private const int ChunksPerWake = 4;

    /// <summary>Connections are edge-triggered (see <see cref="Epoll.EdgeTriggered"/>); ReadHangUp tells a reader that a
    /// FIN is queued behind the data, so a short read has not emptied the socket.</summary>
    private const uint Readable = Epoll.In | Epoll.ReadHangUp | Epoll.EdgeTriggered;
    private const uint Writable = Epoll.Out | Epoll.EdgeTriggered;
    private const int ConnectionAborted = 103;
    private bool _listenerPaused;

    private void AcceptAll()
    {
        for (int k = 0; k < AcceptsPerWake; k++)
        {
            int fd = Libc.Accept(_listenerFd, null, null, Libc.SockNonBlock | Libc.SockCloExec);
            if (fd < 0)
            {
                int errno = Libc.LastError;
                if (errno is Libc.EIntr or ConnectionAborted) continue;
                // Out of descriptors or memory: a level-triggered listener would wake us forever; retry next second.
                if (errno is Libc.EMFile or Libc.ENFile or Libc.ENoBufs or Libc.ENoMem) PauseListener();
                return;
            }
            // Over MaxConnections: closed at once, so an overload costs a descriptor for microseconds, not a slot.
            if (!_gate.TryEnter()) { Libc.Close(fd); continue; }
            int one = 1;
            Libc.SetSocketOption(fd, Libc.IpProtoTcp, Libc.TcpNoDelay, &one, sizeof(int));
            int slot = _connections.Allocate(fd, _nowMillis);
            if (Epoll.Add(_epoll, fd, Readable, Token(slot, _connections[slot].Generation)) < 0)
            {
                Libc.Close(fd);
                _connections.Free(slot);
                _gate.Exit();
                continue;
            }
            _openConnections++;
            _meter.ConnectionOpened();
        }
    }

    private void OnReadable(int slot, ref Connection c, uint events)
    {
        bool hungUp = (events & (Epoll.ReadHangUp | Epoll.HangUp | Epoll.Error)) != 0;
        fixed (byte* receive = _receive)
        {
            for (int chunk = 1; ; chunk++)
            {
                nint n = Libc.Receive(c.Fd, receive, _receive.Length, 0);
                if (n <= 0)
                {
                    if (n < 0 && Libc.WouldBlock(Libc.LastError)) return;
                    Close(slot); // peer closed (a half-sent request is dropped with it) or reset
                    return;
                }
                c.LastActivityMillis = _nowMillis;
                bool keepOpen = _responder.Process(ref c.Parser, new ReadOnlySpan<byte>(receive, (int)n));
                // The header-read clock starts with a head's first byte and stops when the head is complete.
                if (!c.Parser.IsReadingHead) c.PhaseStartMillis = 0;
                else if (c.PhaseStartMillis == 0 || _responder.Output.Length > 0) c.PhaseStartMillis = _nowMillis;
                Flush(slot, ref c, keepOpen);
                // Holding output, lingering or closed: reading stops, and re-registering re-polls the socket.
                if (c.Phase != ConnectionPhase.Open) return;
                // A short read emptied the socket, and whatever arrives later is a new event; one that filled the
                // buffer may have left bytes, as may a hang-up whose FIN waits behind them.
                if (n < _receive.Length && !hungUp) return;
                if (chunk == ChunksPerWake) { Rearm(slot, ref c, Readable); return; }
            }
        }
    }

    /// <summary>Registers <paramref name="events"/>; epoll_ctl polls the socket and queues an event if one is already due,
    /// which an edge-triggered registration would otherwise not report again.</summary>
    private void Rearm(int slot, ref Connection c, uint events) => Epoll.Modify(_epoll, c.Fd, events, Token(slot, c.Generation));

    /// <summary>Sends the loop's batch; what the socket does not take waits in a pending block while reading pauses.</summary>
    private void Flush(int slot, ref Connection c, bool keepOpen)
    {
        var output = _responder.Output;
        int sent = 0;
        if (output.Length > 0)
        {
            fixed (byte* p = output)
            {
                nint r = Libc.Send(c.Fd, p, output.Length, Libc.MsgNoSignal);
                if (r < 0 && !Libc.WouldBlock(Libc.LastError)) { _responder.Complete(); Close(slot); return; }
                sent = (int)Math.Max(r, 0);
            }
        }
        if (sent < output.Length)
        {
            bool held = Hold(slot, ref c, output[sent..]);
            _responder.Complete();
            if (!held) Close(slot);
            else c.CloseAfterFlush = !keepOpen;
            return;
        }
        _responder.Complete();
        if (!keepOpen) BeginLinger(slot, ref c);
    }

    private bool Hold(int slot, ref Connection c, ReadOnlySpan<byte> unsent)
    {
        if (!_pending.TryRent(out int block)) return false;
        unsent.CopyTo(new Span<byte>(_pending.Block(block), _pending.BlockBytes));
        c.PendingBlock = block;
        c.PendingOffset = 0;
        c.PendingLength = unsent.Length;
        c.Phase = ConnectionPhase.Flushing;
        Rearm(slot, ref c, Writable);
        return true;
    }

    private void OnWritable(int slot, ref Connection c)
    {
        // Edge-triggered: send until the block is out or the socket is full, when a later EPOLLOUT will come.
        while (c.PendingLength > 0)
        {
            nint r = Libc.Send(c.Fd, _pending.Block(c.PendingBlock) + c.PendingOffset, c.PendingLength, Libc.MsgNoSignal);
            if (r < 0)
            {
                if (!Libc.WouldBlock(Libc.LastError)) Close(slot);
                return;
            }
            c.LastActivityMillis = _nowMillis;
            c.PendingOffset += (int)r;
            c.PendingLength -= (int)r;
        }
        _pending.Return(c.PendingBlock);
        c.PendingBlock = -1;
        c.Phase = ConnectionPhase.Open;
        if (c.CloseAfterFlush) BeginLinger(slot, ref c);
        else Rearm(slot, ref c, Readable);
    }

    /// <summary>Half-closes after a final response, then drains: closing with unread bytes would send a reset that can
    /// reach the peer before it has read our response (RFC 9112 §9.6).</summary>
    private void BeginLinger(int slot, ref Connection c)
    {
        Libc.Shutdown(c.Fd, Libc.ShutWrite);
        c.Phase = ConnectionPhase.Lingering;
        c.PhaseStartMillis = _nowMillis;
        Rearm(slot, ref c, Readable);
    }

    private void Drain(int slot, ref Connection c)
    {
        fixed (byte* receive = _receive)
        {
            for (int chunk = 1; ; chunk++)
            {
                nint n = Libc.Receive(c.Fd, receive, _receive.Length, 0);
                if (n == 0 || (n < 0 && !Libc.WouldBlock(Libc.LastError))) { Close(slot); return; }
                if (n < 0) return; // drained; the next bytes or the FIN are a new event
                if (chunk == ChunksPerWake) { Rearm(slot, ref c, Readable); return; }
            }
        }
    }

    private void Close(int slot)
    {
        ref var c = ref _connections[slot];
        if (c.PendingBlock >= 0) _pending.Return(c.PendingBlock);
        Libc.Close(c.Fd);
        _connections.Free(slot);
        _gate.Exit();
        _openConnections--;
        _meter.ConnectionClosed();
    }

    private void PauseListener()
    {
        Epoll.Delete(_epoll, _listenerFd);
        _listenerPaused = true;
    }
}
