using System.Net;
using System.Net.Sockets;

namespace DeviceBench.IntegrationTests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port free right now (the kernel's pick), for a server process to bind next.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
