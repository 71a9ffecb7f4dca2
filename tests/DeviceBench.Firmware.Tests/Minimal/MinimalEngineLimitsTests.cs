using System.Net.Sockets;
using System.Text;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>What the engine refuses or cuts short — bad requests, limits, timeouts, stalled peers — and that it keeps serving.</summary>
public class MinimalEngineLimitsTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET / HTTP/1.1\nHost: a\n\n", 400)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", 400)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\n", 413)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501)]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505)]
    public async Task Bad_request_is_answered_then_closed_and_the_next_connection_is_served(string request, int status)
    {
        await using var engine = await EngineHarness.StartAsync();
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send(request);
            var response = client.ReadResponse();
            Assert.Equal((status, "close", "0"), (response.Status, response.Field("Connection"), response.Field("Content-Length")));
            Assert.True(client.IsClosedByServer());
        }
        using var next = new RawHttpClient(engine.BoundPort);
        next.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, next.ReadResponse().Status);
    }

    [Fact]
    public async Task Oversized_target_and_header_section_are_414_and_431()
    {
        await using var engine = await EngineHarness.StartAsync();
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send("GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
            Assert.Equal(414, client.ReadResponse().Status);
            Assert.True(client.IsClosedByServer());
        }
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send("GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(0, 101).Select(k => $"X-{k}: v\r\n")) + "\r\n");
            Assert.Equal(431, client.ReadResponse().Status);
            Assert.True(client.IsClosedByServer());
        }
    }

    [Fact]
    public async Task Head_that_never_completes_is_answered_408_and_closed()
    {
        await using var engine = await EngineHarness.StartAsync(new MinimalOptions { HeaderReadTimeout = TimeSpan.FromSeconds(1) });
        using var client = new RawHttpClient(engine.BoundPort);
        client.Send("GET / HTTP/1.1\r\nHo");
        Assert.Equal(408, client.ReadResponse().Status);
        Assert.True(client.IsClosedByServer());
    }

    [Fact]
    public async Task Idle_keep_alive_connection_is_closed_after_the_idle_timeout()
    {
        await using var engine = await EngineHarness.StartAsync(new MinimalOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        using var client = new RawHttpClient(engine.BoundPort);
        client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, client.ReadResponse().Status);
        Assert.True(client.IsClosedByServer());
        Assert.True(EngineHarness.Eventually(() => engine.OpenConnections == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Connections_over_the_limit_are_closed_at_once()
    {
        await using var engine = await EngineHarness.StartAsync(maxConnections: 2);
        using var first = new RawHttpClient(engine.BoundPort);
        using (var second = new RawHttpClient(engine.BoundPort))
        {
            using var third = new RawHttpClient(engine.BoundPort);
            Assert.True(third.IsClosedByServer());
            second.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            Assert.Equal(200, second.ReadResponse().Status);
        }
        Assert.True(EngineHarness.Eventually(() => engine.OpenConnections == 1, TimeSpan.FromSeconds(5)));
        using var fourth = new RawHttpClient(engine.BoundPort);
        fourth.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, fourth.ReadResponse().Status);
    }

    [Fact]
    public async Task Peer_that_stops_reading_is_held_back_then_served_in_order()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        const int requests = 20_000;
        byte[] pair = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /json HTTP/1.1\r\nHost: a\r\n\r\n");
        // Nobody reads while 20,000 responses (~2.5 MB) pile up: the kernel buffers fill and the engine must park
        // output in a pending block and stop reading, without losing or reordering anything.
        var sender = Task.Run(() => { for (int k = 0; k < requests / 2; k++) client.Send(pair); });
        await Task.Delay(500);
        for (int k = 0; k < requests; k++)
            Assert.Equal(k % 2 == 0 ? "Hello, World!" : "{\"message\":\"Hello, World!\"}", client.ReadResponse().Body);
        await sender;
    }

    [Fact]
    public async Task Garbage_on_many_connections_never_stops_the_engine()
    {
        await using var engine = await EngineHarness.StartAsync();
        var random = new Random(42);
        for (int k = 0; k < 40; k++)
        {
            using var client = new RawHttpClient(engine.BoundPort);
            byte[] garbage = new byte[random.Next(1, 3000)];
            random.NextBytes(garbage);
            client.Send(garbage);
            client.Socket.Shutdown(SocketShutdown.Send);
        }
        using var good = new RawHttpClient(engine.BoundPort);
        good.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, good.ReadResponse().Status);
    }
}
