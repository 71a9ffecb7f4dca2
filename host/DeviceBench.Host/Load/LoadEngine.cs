using DeviceBench.Host.Load.Http;
using DeviceBench.Host.Load.Linux;
using DeviceBench.Host.Load.Running;

namespace DeviceBench.Host.Load;

/// <summary>
/// Runs one load test: connects every connection, applies the warm-up (discarded) and the measured load,
/// reports each interval to an observer, and returns the result. Linux only (epoll).
/// </summary>
public static class LoadEngine
{
    /// <summary>Runs on a dedicated thread; cancelling stops sending, waits for requests in flight, and returns what was measured.</summary>
    public static Task<LoadResult> RunAsync(LoadOptions options, ILoadObserver? observer = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Run(options, observer, cancellationToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static LoadResult Run(LoadOptions options, ILoadObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("devicebench load drives sockets through epoll and runs on Linux only.");
        }

        var warnings = new List<string>();
        var threads = Math.Min(options.Threads, options.Connections);
        var fileLimit = OpenFileBudget.Reserve(options.DescriptorsNeeded, options.Connections);

        var plan = CreatePlan(options);
        using var ready = new CountdownEvent(threads);
        using var finished = new CountdownEvent(threads);
        var failures = new List<Exception>();
        var workers = Enumerable.Range(0, threads)
            .Select(t => new Worker(plan, [.. Enumerable.Range(0, options.Connections).Where(c => c % threads == t)], ready))
            .ToArray();
        var workerThreads = workers.Select((worker, i) => new Thread(() => RunWorker(worker, plan, finished, failures))
        {
            IsBackground = true,
            Name = $"devicebench-load-{i}",
        }).ToArray();
        foreach (var thread in workerThreads)
        {
            thread.Start();
        }

        var run = new RunTimeline(options, plan, finished.WaitHandle);
        var collector = new IntervalCollector(workers, options.IsOpenLoop, observer);
        try
        {
            using var registration = cancellationToken.Register(plan.RequestStop);
            ready.Wait(CancellationToken.None);
            run.Drive(collector);
        }
        finally
        {
            // Also when the coordinator or an observer threw: no worker may outlive the events it signals.
            plan.RequestStop();
            foreach (var thread in workerThreads)
            {
                thread.Join();
            }

            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("a load worker failed", failures);
        }

        return ResultBuilder.Build(options, threads, run, collector, workers, fileLimit, warnings);
    }

    private static void RunWorker(Worker worker, RunPlan plan, CountdownEvent finished, List<Exception> failures)
    {
        try
        {
            worker.Run();
        }
#pragma warning disable CA1031 // A worker's failure must reach the caller, not kill the process from a background thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (failures)
            {
                failures.Add(e);
            }

            plan.RequestStop();
        }
        finally
        {
            finished.Signal();
        }
    }

    private static RunPlan CreatePlan(LoadOptions options)
    {
        var request = RequestBytes.Build(options.Url, options.Method, options.Headers, options.Body?.ToArray());
        return new RunPlan
        {
            Address = TcpSocket.AddressBytes(ConnectProbe.Resolve(options.Url.DnsSafeHost, options.Url.Port)),
            Request = request,
            Batch = RequestBytes.Repeat(request, options.Pipeline),
            Pipeline = options.Pipeline,
            TotalConnections = options.Connections,
            RatePerSecond = options.RatePerSecond ?? 0,
            TimeoutTicks = Clock.TicksFrom(options.Timeout),
            ConnectTimeoutTicks = Clock.TicksFrom(options.ConnectTimeout),
            ResponsesHaveNoBody = options.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase),
            ExpectedStatus = options.ExpectedStatus,
            ExpectedBodyBytes = options.ExpectedBodyBytes,
        };
    }
}
