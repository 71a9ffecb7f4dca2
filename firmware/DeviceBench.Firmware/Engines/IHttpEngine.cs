namespace DeviceBench.Firmware.Engines;

/// <summary>
/// The seam between an HTTP server and the firmware around it: an engine serves the routes of <see cref="Routes"/>,
/// reports every request and connection to the <see cref="RequestMeter"/>, and nothing else. Sampling and the
/// report sinks are shared, so every engine is measured by the same code.
/// </summary>
internal interface IHttpEngine : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The port actually bound once started (what <c>--port 0</c> resolved to).</summary>
    int BoundPort { get; }

    /// <summary>Starts listening; returns once the port accepts connections.</summary>
    Task StartAsync(EngineOptions options, RequestMeter meter, CancellationToken cancellationToken);

    /// <summary>Stops accepting, closes connections, returns when the engine has stopped.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
