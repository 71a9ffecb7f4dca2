using DeviceBench.Host.Load.Http;

namespace DeviceBench.Host.Load.Running;

/// <summary>
/// One connection's state inside its worker: the socket, the response parser, and a ring of the
/// outstanding requests' planned and actual send times (as many as the pipeline depth), so responses are
/// matched to requests in order and timed without storing anything per request.
/// </summary>
internal sealed class Connection
{
    private readonly long[] _plannedTicks;
    private readonly long[] _sentTicks;
    private int _head;

    public Connection(int id, int index, int pipeline, bool responsesHaveNoBody)
    {
        Id = id;
        Index = index;
        _plannedTicks = new long[pipeline];
        _sentTicks = new long[pipeline];
        Parser = new ResponseParser(responsesHaveNoBody);
    }

    /// <summary>Number over the whole run (0..connections-1); sets the open-loop phase.</summary>
    public int Id { get; }

    /// <summary>Position in the worker's table; half of the epoll token.</summary>
    public int Index { get; }

    public ResponseParser Parser { get; }

    public int Fd { get; set; } = -1;

    /// <summary>Bumped at every open and close so events of an earlier socket in the same batch are ignored.</summary>
    public uint Generation { get; private set; }

    public ConnectionState State { get; set; }

    /// <summary>When the connect started (Connecting) or when to retry (WaitingToRetry).</summary>
    public long StateTicks { get; set; }

    public bool EverOpened { get; set; }

    public int Outstanding { get; private set; }

    /// <summary>Bytes of the worker's batch buffer still to send, from <see cref="WriteOffset"/> to <see cref="WriteEnd"/>.</summary>
    public int WriteOffset { get; set; }

    public int WriteEnd { get; set; }

    public bool IsWritePending => WriteEnd > WriteOffset;

    /// <summary>Open loop: index and planned time of the next request this connection owes.</summary>
    public long NextIndex { get; set; }

    public long NextPlannedTicks { get; set; }

    /// <summary>Open loop: a send fell due while the connection could not send; send as soon as it can.</summary>
    public bool Blocked { get; set; }

    public ulong Token => ((ulong)Generation << 32) | (uint)Index;

    public long OldestSentTicks => _sentTicks[_head];

    public bool CanSend(int pipeline) => State == ConnectionState.Open && !IsWritePending && Outstanding < pipeline;

    public void NewGeneration() => Generation++;

    public void Push(long planned, long sent)
    {
        var slot = (_head + Outstanding) % _plannedTicks.Length;
        _plannedTicks[slot] = planned;
        _sentTicks[slot] = sent;
        Outstanding++;
    }

    public void Pop(out long planned, out long sent)
    {
        planned = _plannedTicks[_head];
        sent = _sentTicks[_head];
        _head = (_head + 1) % _plannedTicks.Length;
        Outstanding--;
    }

    /// <summary>Forgets outstanding requests and partial responses; returns how many requests were lost.</summary>
    public int Forget()
    {
        var lost = Outstanding;
        Outstanding = 0;
        _head = 0;
        WriteOffset = 0;
        WriteEnd = 0;
        Parser.Reset();
        return lost;
    }
}
