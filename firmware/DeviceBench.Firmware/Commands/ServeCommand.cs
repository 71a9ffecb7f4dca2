using System.Net;
using System.Net.Sockets;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Reporting;
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

    public static int Run(Args args)
    {
        string engineName = args.String("engine") ?? EngineCatalog.Names[0];
        int port = args.Int32("port") ?? 8080;
        int threads = args.Int32("threads") ?? Environment.ProcessorCount;
        if (!IPAddress.TryParse(args.String("address") ?? "0.0.0.0", out var address)) throw new UsageException("--address is not an IP address");
        if (threads < 1 || port is < 0 or > 65535) throw new UsageException("--threads must be ≥ 1 and --port 0–65535");
        var engine = EngineCatalog.Create(engineName, EngineLimits.Minimal(args))
            ?? throw new UsageException($"unknown engine '{engineName}' (known: {string.Join(", ", EngineCatalog.Names)})");
        try
        {
            var options = new EngineOptions(address, port, threads) { MaxConnections = EngineLimits.MaxConnections(args) };
            var setup = ReportSetup.FromArgs(args);
            args.ThrowOnUnknown();
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
            Console.Error.WriteLine($"devicebench-fw: cannot serve on {options.Address}:{options.Port}: {e.Message}");
            reporter.End("error", 1);
            return 1;
        }
        reporter.Ready(Environment.ProcessId, engine.BoundPort);
        reporter.Run(stop.Token);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        engine.StopAsync(grace.Token).GetAwaiter().GetResult();
        reporter.End("signal", 0);
        return 0;
    }
}
