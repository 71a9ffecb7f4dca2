using System.Net;
using DeviceBench.Firmware.Engines.Minimal.Linux;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// The board's own HTTP/1.1 server: one epoll <see cref="EventLoop"/> per thread, each with its own listening socket,
/// fixed per-loop buffers, a connection costing a struct slot, and every response pre-built as bytes. Serves the
/// <see cref="Routes"/> exactly as the Kestrel engine does.
/// </summary>
internal sealed class MinimalEngine(MinimalOptions? options = null) : IHttpEngine
{
    private readonly MinimalOptions _options = options ?? new();
    private readonly List<int> _listeners = [];
    private readonly List<EventLoop> _loops = [];

    public string Name => "minimal";

    public int BoundPort { get; private set; }

    /// <summary>Allocated bytes on the loop threads as of their last once-a-second tick.</summary>
    internal long LoopAllocatedBytes
    {
        get
        {
            long sum = 0;
            foreach (var loop in _loops) sum += loop.AllocatedBytes;
            return sum;
        }
    }

    internal int OpenConnections
    {
        get
        {
            int sum = 0;
            foreach (var loop in _loops) sum += loop.OpenConnections;
            return sum;
        }
    }

    public Task StartAsync(EngineOptions options, RequestMeter meter, CancellationToken cancellationToken)
    {
        if (_listeners.Count > 0) throw new InvalidOperationException("the minimal engine is already started");
        // Several loops share the port through SO_REUSEPORT (the kernel spreads connections over them); one loop does
        // not set it, so a second server on the same port fails to bind instead of silently sharing our traffic.
        bool share = options.Threads > 1;
        int port = options.Port;
        try
        {
            if (share && port != 0) Libc.Close(ListeningSocket.Open(new IPEndPoint(options.Address, port), false, out _));
            for (int t = 0; t < options.Threads; t++)
                _listeners.Add(ListeningSocket.Open(new IPEndPoint(options.Address, port), share, out port));
        }
        catch
        {
            CloseListeners();
            throw;
        }
        BoundPort = port;
        var gate = new ConnectionGate(options.MaxConnections);
        for (int t = 0; t < _listeners.Count; t++)
        {
            var loop = new EventLoop(_listeners[t], _options, meter, gate);
            _loops.Add(loop);
            new Thread(loop.Run) { IsBackground = true, Name = $"minimal-loop-{t}" }.Start();
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var loop in _loops) loop.Stop();
        // No LINQ on the lean build's paths (here, Program, SerialRates, BoardInfo): its operators are generic virtual
        // methods and each brings its iterator types' code: 55,968 bytes of the lean build for Select/Sum/Skip, 23,008 for Order.
        var stopped = new Task[_loops.Count];
        for (int i = 0; i < stopped.Length; i++) stopped[i] = _loops[i].Stopped;
        await Task.WhenAll(stopped).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var loop in _loops) loop.Dispose();
        _loops.Clear();
        CloseListeners();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private void CloseListeners()
    {
        foreach (int fd in _listeners) Libc.Close(fd);
        _listeners.Clear();
    }
}
