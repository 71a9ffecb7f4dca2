using System.Net;
using System.Net.Sockets;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Linux;
using DeviceBench.Firmware.Sinks;
using DeviceBench.Firmware.Sampling;

namespace DeviceBench.Firmware.Commands;

/// <summary><c>serve --engine E --port P [--threads N]</c>: run an engine and report on itself until SIGTERM/SIGINT.</summary>
internal static class ServeCommand
{
    public static string Usage => $"""
        devicebench-fw serve [--engine {string.Join('|', EngineCatalog.Names)}] [--port 8080] [--threads CORES] [--address 0.0.0.0]
        {EngineLimits.Usage}
        {ReportSetup.Usage}
        """;

    /// <summary>Event loops one process may run: beyond any board's core count, short of a thread bomb.</summary>
    private const int MaxThreads = 1024;

    public static int Run(Args args)
    {
        string engineName = args.Choice("engine", EngineCatalog.Names) ?? EngineCatalog.Names[0];
        // Port 0 asks the kernel for a free port; READY reports the one bound.
        int port = args.Int32("port", 0, 65535) ?? 8080;
        int threads = args.Int32("threads", 1, MaxThreads) ?? Environment.ProcessorCount;
        var address = args.Address("address") ?? IPAddress.Any;
        var minimal = EngineLimits.Minimal(args);
        var options = new EngineOptions(address, port, threads) { MaxConnections = EngineLimits.MaxConnections(args) };
        var setup = ReportSetup.FromArgs(args);
        if (args.Rest.Count > 0) args.Error($"unexpected argument '{args.Rest[0]}'");
        args.ThrowIfInvalid();
        // A kernel with transparent huge pages "always" (Debian's generic arm64 kernel on the emulated board) lets
        // khugepaged fold the GC's sparsely used first region into one 2 MiB page at a moment of its choosing: the
        // emulated board's READY baseline was 2.5 or 4.6 MB from one start to the next (anonymous 0.7 or 2.75 MB). A
        // board server declines them for itself; only `serve` does, since the flag is inherited by what a process starts.
        Libc.Prctl(Libc.PrSetThpDisable, 1, 0, 0, 0);
        TestBallast.ApplyFromEnvironment();
        var engine = EngineCatalog.Create(engineName, minimal)!;
        try
        {
            setup.Open();
            return Serve(engine, setup, options);
        }
        finally { engine.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }

    // On the main thread throughout: the engine's own threads serve, this one reports (see Reporter.Run).
    private static int Serve(IHttpEngine engine, ReportSetup setup, EngineOptions options)
    {
        var meter = new RequestMeter(setup.Gpio, setup.MarkEvery);
        var sensors = new BoardSensors();
        using var reporter = new Reporter(new Sampler(ProcReader.ForSelf(), sensors, meter, null, ownGc: true), setup.Sinks, setup.Budgets, setup.Interval);
        reporter.Publish(Subject.Boot("serve", engine.Name, Environment.ProcessId));
        using var stop = new CancellationTokenSource();
        using var signals = new ShutdownSignals(stop);
        try
        {
            engine.StartAsync(options, meter, stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: cannot serve on {options.Address}:{options.Port}: {e.Message}");
            reporter.End("error", 1);
            return 1;
        }
        // Start-up is over: its code need not stay resident (Linux/StartupPages.cs says why and what it saves). Released
        // before READY, so the baseline READY reports is the one every script measures after it, not the start-up peak.
        StartupPages.Release();
        reporter.Ready(Environment.ProcessId, engine.BoundPort);
        reporter.Run(stop.Token);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        engine.StopAsync(grace.Token).GetAwaiter().GetResult();
        reporter.End("signal", 0);
        return 0;
    }
}
