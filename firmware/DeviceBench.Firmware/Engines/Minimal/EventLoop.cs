using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeviceBench.Firmware.Engines.Minimal.Http;
using DeviceBench.Firmware.Engines.Minimal.Linux;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// One thread, one epoll instance, one listening socket (SO_REUSEPORT when there are several loops): accepts,
/// reads, parses, answers and times out its own connections with direct system calls. No tasks, no thread-pool hops,
/// no per-request allocation: the receive buffer and the send batch belong to the loop, not to connections, and a
/// connection is a struct slot (<see cref="Connection"/>).
/// </summary>
internal sealed unsafe partial class EventLoop : IDisposable
{
    private const ulong ListenerToken = ulong.MaxValue;
    private const ulong WakeToken = ulong.MaxValue - 1;

    private readonly int _listenerFd;
    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly MinimalOptions _options;
    private readonly RequestMeter _meter;
    private readonly ConnectionGate _gate;
    private readonly ConnectionTable _connections = new();
    private readonly BatchResponder _responder;
    private readonly BlockPool _pending;
    private readonly byte[] _receive;
    private readonly byte[] _events;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private long _nowMillis;
    private long _nextSecondMillis;
    private long _allocatedBytes;
    private int _openConnections;
    private bool _disposed;

    public EventLoop(int listenerFd, MinimalOptions options, RequestMeter meter, ConnectionGate gate)
    {
        _listenerFd = listenerFd;
        _options = options;
        _meter = meter;
        _gate = gate;
        _responder = new BatchResponder(new ResponseTable(DateTime.UtcNow), options.Limits, meter, options.ReceiveChunkBytes);
        _receive = GC.AllocateUninitializedArray<byte>(options.ReceiveChunkBytes, pinned: true);
        _events = GC.AllocateArray<byte>(options.EventsPerWait * Epoll.EventSize, pinned: true);
        _epoll = Check(Epoll.Create(), "epoll_create1");
        _wakeFd = Check(Libc.EventFd(0, Libc.EfdNonBlock | Libc.EfdCloExec), "eventfd");
        Check(Epoll.Add(_epoll, _wakeFd, Epoll.In, WakeToken), "epoll_ctl");
        Check(Epoll.Add(_epoll, _listenerFd, Epoll.In, ListenerToken), "epoll_ctl");
        _pending = new BlockPool(options.PendingBlocksPerLoop, _responder.CapacityBytes);
    }

    /// <summary>Completes when the loop has closed its connections and released its descriptors.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Bytes this loop's thread had allocated at its last once-a-second tick: flat under load means no
    /// per-request allocation.</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public void Run()
    {
        try
        {
            _nowMillis = Environment.TickCount64;
            OnSecond();
            while (!_stopping) Turn();
        }
        catch (IOException e)
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: minimal engine event loop stopped: {e.Message}");
        }
        finally
        {
            for (int slot = 0; slot < _connections.Count; slot++)
                if (_connections[slot].Phase != ConnectionPhase.Free) Close(slot);
            Libc.Close(_epoll);
            _stopped.TrySetResult();
        }
    }

    /// <summary>Once <see cref="Stopped"/> has completed (or the loop never ran).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Libc.Close(_wakeFd);
        _pending.Dispose();
    }

    /// <summary>Asks the loop to stop from any thread; see <see cref="Stopped"/>.</summary>
    public void Stop()
    {
        _stopping = true;
        ulong one = 1;
        Libc.Write(_wakeFd, &one, sizeof(ulong));
    }

    private void Turn()
    {
        byte* events = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_events)); // pinned
        int timeout = (int)Math.Clamp(_nextSecondMillis - _nowMillis, 0, 1000);
        int n = Epoll.Wait(_epoll, events, _options.EventsPerWait, timeout);
        if (n < 0 && Libc.LastError != Libc.EIntr) throw new IOException($"epoll_wait failed: errno {Libc.LastError}");
        _nowMillis = Environment.TickCount64;
        for (int k = 0; k < n; k++)
        {
            ulong token = Epoll.TokenAt(events, k);
            if (token == ListenerToken) AcceptAll();
            else if (token == WakeToken) ConsumeWake();
            else Dispatch((int)(uint)token, (uint)(token >> 32), Epoll.EventsAt(events, k));
        }
        if (_nowMillis >= _nextSecondMillis) OnSecond();
    }

    private void Dispatch(int slot, uint generation, uint events)
    {
        ref var c = ref _connections[slot];
        // An event queued for a descriptor closed earlier in this batch, whose slot may already be reused.
        if (c.Generation != generation || c.Phase == ConnectionPhase.Free) return;
        try
        {
            switch (c.Phase)
            {
                case ConnectionPhase.Flushing: OnWritable(slot, ref c); break;
                case ConnectionPhase.Lingering: Drain(slot, ref c); break;
                default: OnReadable(slot, ref c, events); break;
            }
        }
#pragma warning disable CA1031 // Whatever goes wrong with one connection closes that connection; the loop keeps serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: minimal engine dropped a connection: {e.GetType().Name}: {e.Message}");
            _responder.Complete();
            if (c.Phase != ConnectionPhase.Free) Close(slot);
        }
    }

    private void ConsumeWake()
    {
        ulong value;
        Libc.Read(_wakeFd, &value, sizeof(ulong));
    }

    private static ulong Token(int slot, uint generation) => ((ulong)generation << 32) | (uint)slot;

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new IOException($"{call} failed: errno {Libc.LastError}");
}
