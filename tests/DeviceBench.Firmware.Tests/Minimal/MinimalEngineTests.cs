using System.Net.Sockets;
using System.Text;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>Serving: routes, keep-alive, pipelining, metering, loops and lifecycle, over real loopback sockets.</summary>
public class MinimalEngineTests
{
    [Fact]
    public async Task Routes_answer_as_the_kestrel_engine_does()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);

        client.Send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var plain = client.ReadResponse();
        Assert.Equal((200, "Hello, World!", "text/plain", "13"), (plain.Status, plain.Body, plain.Field("Content-Type"), plain.Field("Content-Length")));
        Assert.Null(plain.Field("Server"));
        Assert.True(DateTime.TryParse(plain.Field("Date"), System.Globalization.CultureInfo.InvariantCulture, out _));

        client.Send("GET /json HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var json = client.ReadResponse();
        Assert.Equal((200, "{\"message\":\"Hello, World!\"}", "application/json"), (json.Status, json.Body, json.Field("Content-Type")));

        client.Send("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var head = client.ReadResponse(head: true);
        Assert.Equal((200, "13", ""), (head.Status, head.Field("Content-Length"), head.Body));

        client.Send("POST /json HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
        var post = client.ReadResponse();
        Assert.Equal((405, "GET, HEAD", "0"), (post.Status, post.Field("Allow"), post.Field("Content-Length")));
        Assert.Null(post.Field("Content-Type"));

        client.Send("GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var missing = client.ReadResponse();
        Assert.Equal((404, "0", null), (missing.Status, missing.Field("Content-Length"), missing.Field("Content-Type")));
    }

    [Fact]
    public async Task Keep_alive_serves_many_requests_on_one_connection()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        for (int k = 0; k < 1000; k++)
        {
            client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
            Assert.Equal("Hello, World!", client.ReadResponse().Body);
        }
    }

    [Fact]
    public async Task Http10_closes_after_the_response_unless_keep_alive_is_asked()
    {
        await using var engine = await EngineHarness.StartAsync();
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send("GET / HTTP/1.0\r\n\r\n");
            Assert.Equal(200, client.ReadResponse().Status);
            Assert.True(client.IsClosedByServer());
        }
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Assert.Equal("keep-alive", client.ReadResponse().Field("Connection"));
            client.Send("GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            Assert.Equal(200, client.ReadResponse().Status);
        }
    }

    [Fact]
    public async Task Connection_close_is_honoured()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        client.Send("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        var response = client.ReadResponse();
        Assert.Equal((200, "close"), (response.Status, response.Field("Connection")));
        Assert.True(client.IsClosedByServer());
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        string[] paths = Enumerable.Range(0, 60).Select(k => (k % 3) switch { 0 => "/", 1 => "/json", _ => "/x" }).ToArray();
        client.Send(string.Concat(paths.Select(p => $"GET {p} HTTP/1.1\r\nHost: a\r\n\r\n")));
        foreach (string path in paths)
        {
            var response = client.ReadResponse();
            Assert.Equal(path switch { "/" => 200, "/json" => 200, _ => 404 }, response.Status);
            if (path == "/json") Assert.StartsWith("{", response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pipelined_burst_of_many_receive_chunks_to_a_slow_reader_is_answered_complete_and_in_order()
    {
        // 3,000 requests (~90 KB: dozens of 2 KB receive chunks, so a connection is re-armed behind the others after
        // its chunks per event) answered into a 4 KB receive window read in small bites: sends go partial, output is
        // parked and flushed on EPOLLOUT edges, reading resumes on re-arm, many times over.
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        client.Socket.ReceiveBufferSize = 4096;
        const int requests = 3_000;
        string[] paths = Enumerable.Range(0, requests).Select(k => (k % 3) switch { 0 => "/", 1 => "/json", _ => $"/x{k}" }).ToArray();
        byte[] burst = Encoding.ASCII.GetBytes(string.Concat(paths.Select(p => $"GET {p} HTTP/1.1\r\nHost: a\r\n\r\n")));
        var sender = Task.Run(() => client.Send(burst));
        for (int k = 0; k < requests; k++)
        {
            var response = client.ReadResponse();
            Assert.Equal((k % 3) switch { 0 => "200 Hello, World!", 1 => "200 {\"message\":\"Hello, World!\"}", _ => "404 " },
                $"{response.Status} {response.Body}");
        }
        await sender;
        client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, client.ReadResponse().Status);
    }

    [Fact]
    public async Task Request_and_half_close_sent_together_are_answered_then_the_connection_is_closed()
    {
        // The FIN may be queued behind the request when the engine reads it: edge-triggered, that read is short and no
        // further event comes, so the engine must notice the hang-up (EPOLLRDHUP) and read on to the end of the stream
        // rather than hold the connection until the idle timeout (30 s; the client gives up after 10 s).
        await using var engine = await EngineHarness.StartAsync();
        for (int k = 0; k < 50; k++)
        {
            using var client = new RawHttpClient(engine.BoundPort);
            client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /json HTTP/1.1\r\nHost: a\r\n\r\n");
            client.Socket.Shutdown(SocketShutdown.Send);
            Assert.Equal("Hello, World!", client.ReadResponse().Body);
            Assert.Equal(200, client.ReadResponse().Status);
            Assert.True(client.IsClosedByServer());
        }
        Assert.True(EngineHarness.Eventually(() => engine.OpenConnections == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Pipelined_batch_split_at_every_byte_over_a_socket_answers_the_same()
    {
        await using var engine = await EngineHarness.StartAsync();
        byte[] batch = Encoding.ASCII.GetBytes(
            "GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST /json HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /json HTTP/1.1\r\nHost: a\r\n\r\n");
        string Exchange(int split)
        {
            using var client = new RawHttpClient(engine.BoundPort);
            client.Send(batch.AsSpan(0, split));
            Thread.Sleep(1); // NoDelay is on: the two pieces leave as two segments
            client.Send(batch.AsSpan(split));
            return string.Join("|", Enumerable.Range(0, 3).Select(_ => client.ReadResponse()).Select(r => $"{r.Status} {r.Body}"));
        }
        string whole = Exchange(batch.Length);
        Assert.Equal("200 Hello, World!|405 |200 {\"message\":\"Hello, World!\"}", whole);
        for (int split = 0; split < batch.Length; split++) Assert.Equal(whole, Exchange(split));
    }

    [Fact]
    public async Task Body_with_content_length_is_read_and_discarded()
    {
        await using var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        client.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
        Assert.Equal(405, client.ReadResponse().Status);
        for (int k = 0; k < 100; k++) client.Send(new string('b', 1000));
        client.Send("GET /json HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(200, client.ReadResponse().Status);
    }

    [Fact]
    public async Task Meter_counts_requests_and_connections_and_drives_the_marker()
    {
        var marker = new RecordingMarker();
        var meter = new RequestMeter(marker, markEvery: 1);
        await using var engine = await EngineHarness.StartAsync(meter: meter);
        using (var client = new RawHttpClient(engine.BoundPort))
        {
            client.Send(string.Concat(Enumerable.Repeat("GET / HTTP/1.1\r\nHost: a\r\n\r\n", 10)));
            for (int k = 0; k < 10; k++) client.ReadResponse();
            Assert.True(EngineHarness.Eventually(() => meter.Latency.TotalCount == 10, TimeSpan.FromSeconds(5)));
            Assert.Equal((10, 10, 10L, 1L), (marker.Raised, marker.Lowered, meter.Requests, meter.Connections));
        }
        Assert.True(EngineHarness.Eventually(() => meter.Connections == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Several_loops_share_the_port_and_serve_every_connection()
    {
        await using var engine = await EngineHarness.StartAsync(threads: 2);
        var clients = Enumerable.Range(0, 32).Select(_ => new RawHttpClient(engine.BoundPort)).ToList();
        foreach (var client in clients) client.Send("GET /json HTTP/1.1\r\nHost: a\r\n\r\n");
        foreach (var client in clients) Assert.Equal(200, client.ReadResponse().Status);
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Second_server_on_a_taken_port_fails_instead_of_sharing_it(int threads)
    {
        await using var first = await EngineHarness.StartAsync(threads: threads);
        var second = new MinimalEngine();
        await Assert.ThrowsAsync<SocketException>(() =>
            ((IHttpEngine)second).StartAsync(new EngineOptions(System.Net.IPAddress.Loopback, first.BoundPort, threads), new RequestMeter(), default));
    }

    [Fact]
    public async Task Stopping_closes_open_connections()
    {
        var engine = await EngineHarness.StartAsync();
        using var client = new RawHttpClient(engine.BoundPort);
        client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        client.ReadResponse();
        await engine.StopAsync(CancellationToken.None);
        Assert.True(client.IsClosedByServer());
        await engine.DisposeAsync();
    }
}
