using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Load;

/// <summary>Small runs against a test server: 4 connections, 1 thread, 1 s unless a test says otherwise.</summary>
public static class LoadRun
{
    public static LoadOptions Options(Uri url) => new()
    {
        Url = url,
        Connections = 4,
        Threads = 1,
        Duration = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(2),
    };

    public static Task<LoadResult> Against(TestHttpServer server, Func<LoadOptions, LoadOptions>? adjust = null, ILoadObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var options = Options(server.Url);
        return LoadEngine.RunAsync(adjust is null ? options : adjust(options), observer);
    }

    /// <summary>A loopback port nobody listens on: bound once by the OS, then released.</summary>
    public static Uri RefusedUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
