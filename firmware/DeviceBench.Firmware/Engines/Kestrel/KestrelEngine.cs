using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeviceBench.Firmware.Engines.Kestrel;

/// <summary>
/// The "trimmed Kestrel": <c>CreateEmptyBuilder</c> + <c>UseKestrelCore</c>, no routing, logging, configuration
/// sources or DI extras — one request delegate that writes the fixed bodies with a Content-Length.
/// </summary>
internal sealed class KestrelEngine : IHttpEngine
{
    private WebApplication? _app;

    public string Name => "kestrel";

    public int BoundPort { get; private set; }

    public async Task StartAsync(EngineOptions options, RequestMeter meter, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = options.MaxConnections;
            kestrel.Listen(options.Address, options.Port, listen => listen.Use(next => async connection =>
            {
                meter.ConnectionOpened();
                try { await next(connection).ConfigureAwait(false); }
                finally { meter.ConnectionClosed(); }
            }));
        });
        // One socket I/O queue per worker, as the other engines run one event loop per thread.
        builder.WebHost.UseSockets(sockets => sockets.IOQueueCount = options.Threads);
        _app = builder.Build();
        _app.Run(context => Respond(context, meter));
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        BoundPort = new Uri(_app.Urls.First()).Port;
    }

    private static async Task Respond(HttpContext context, RequestMeter meter)
    {
        var timing = meter.BeginRequest();
        var response = context.Response;
        var route = Routes.Match(context.Request.Path.Value ?? "/");
        // Methods are case-sensitive (RFC 9110 §9.1): "get" is not GET (HttpMethods.IsGet ignores case).
        string method = context.Request.Method;
        bool head = method == HttpMethods.Head, readOnly = head || method == HttpMethods.Get;
        response.StatusCode = route == Route.NotFound ? StatusCodes.Status404NotFound
            : readOnly ? StatusCodes.Status200OK : StatusCodes.Status405MethodNotAllowed;
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed) response.Headers.Allow = "GET, HEAD";
        var body = response.StatusCode != StatusCodes.Status200OK ? ReadOnlyMemory<byte>.Empty : route == Route.Json ? JsonBody : PlainBody;
        if (!body.IsEmpty) response.ContentType = route == Route.Json ? Routes.JsonContentType : Routes.PlainContentType;
        // Setting Content-Length before writing keeps Kestrel from chunking (the fairness rules want a length).
        response.ContentLength = body.Length;
        if (body.Length > 0 && !head)
            await response.Body.WriteAsync(body).ConfigureAwait(false);
        meter.EndRequest(timing);
    }

    private static readonly ReadOnlyMemory<byte> PlainBody = Routes.PlainBody.ToArray();
    private static readonly ReadOnlyMemory<byte> JsonBody = Routes.JsonBody.ToArray();

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
    }
}
