using System.Net;
using System.Net.Sockets;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Tests.Load;

public sealed class ConnectProbeTests
{
    [Fact]
    public async Task A_listening_port_is_no_problem()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.Null(await ConnectProbe.FindProblemAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_closed_port_is_one_line_in_strerror_words()
    {
        var port = UnusedPort();

        Assert.Equal($"cannot connect to 127.0.0.1:{port}: connection refused",
            await ConnectProbe.FindProblemAsync("127.0.0.1", port, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_ipv6_target_is_written_with_brackets()
    {
        var problem = await ConnectProbe.FindProblemAsync("::1", UnusedPort(), TimeSpan.FromSeconds(5));

        Assert.StartsWith("cannot connect to [::1]:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_says_so()
    {
        var problem = await ConnectProbe.FindProblemAsync("nosuch.invalid", 80, TimeSpan.FromSeconds(5));

        Assert.StartsWith("cannot resolve nosuch.invalid: ", problem, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
