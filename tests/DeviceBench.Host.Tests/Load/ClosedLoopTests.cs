using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Load;

public class ClosedLoopTests
{
    [Fact]
    public async Task Closed_loop_request_count_matches_server()
    {
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with { Connections = 8, Threads = 2, Duration = TimeSpan.FromSeconds(1.5) });

        Assert.True(result.Requests > 0);
        // In-flight requests are drained at the end, so every request the server answered was counted, and nothing else.
        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Unfinished);
        Assert.Equal(8, result.Engine.ConnectionsOpenedAtStart);
        Assert.Equal(8, server.ConnectionsAccepted);
        Assert.Equal("closed", result.Settings.Mode);
        Assert.Null(result.UncorrectedLatency);
    }

    [Fact]
    public async Task Post_sends_its_body_on_every_request()
    {
        await using var server = new TestHttpServer(r => r.Method == "POST" && r.BodyBytes == 11 ? Reply.Ok() : Reply.Ok(status: 400));
        var result = await LoadRun.Against(server, o => o with { Method = "POST", Body = "hello board"u8.ToArray() });

        Assert.True(result.Requests > 0);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(server.Requests * 11, server.BodyBytes);
    }

    [Fact]
    public async Task Pipelined_responses_are_matched_and_timed_in_request_order()
    {
        // Each batch of 4 gets a short body, a chunked body, a long body, and then, 30 ms later, a plain one.
        // Timed in order, a quarter of the latencies are >= 30 ms and the rest near zero; timing a batch as one
        // (or matching answers out of order) would move the lower percentiles to 30 ms too.
        var delay = TimeSpan.FromMilliseconds(30);
        await using var server = new TestHttpServer(r => (r.NumberOnConnection % 4) switch
        {
            0 => Reply.Ok("a"),
            1 => Reply.Chunked("Hello", ", World!"),
            2 => Reply.Ok(new string('x', 3000)),
            _ => Reply.Ok().After(delay),
        });
        var result = await LoadRun.Against(server, o => o with { Pipeline = 4, Duration = TimeSpan.FromSeconds(1.5) });

        Assert.Equal(4, server.DeepestPipeline);
        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Requests % 4);
        // Timed as one batch, three of every four would wait for the slow answer: P50 would be 30 ms or more.
        Assert.InRange(result.Latency.P50Micros, 0, 29_999);
        Assert.InRange(result.Latency.P90Micros, 30_000, long.MaxValue);
    }

    [Fact]
    public async Task Responses_larger_than_one_receive_are_read_whole_and_counted_once()
    {
        // Sockets are edge-triggered: a readiness edge is reported once, so the engine must keep receiving while its
        // 64 KiB buffer comes back full. Four pipelined 100 KiB bodies are 400 KiB per batch; stopping after one
        // receive would leave them unread until the timeout, and a miscount would show as length errors.
        const int bodyBytes = 100 * 1024;
        await using var server = new TestHttpServer(_ => Reply.Ok(new string('x', bodyBytes)));
        var result = await LoadRun.Against(server, o => o with { Pipeline = 4, ExpectedBodyBytes = bodyBytes });

        Assert.True(result.Requests >= 4);
        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(0, result.Unfinished);
        Assert.True(result.BytesRead >= result.Requests * bodyBytes);
        Assert.InRange(result.Latency.MaxMicros, 0, 1_999_999);
    }

    [Fact]
    public async Task A_response_that_exactly_fills_the_receive_buffer_does_not_stall_its_connection()
    {
        // 64 KiB to the byte: the receive fills the buffer, so the engine receives again, finds nothing (EAGAIN), and
        // must still send the next request; returning there would leave each connection idle after one response.
        var body = 65_536 - Reply.Ok(new string('x', 60_000)).Bytes.Length + 60_000;
        var reply = Reply.Ok(new string('x', body));
        Assert.Equal(65_536, reply.Bytes.Length);
        await using var server = new TestHttpServer(_ => reply);
        var result = await LoadRun.Against(server, o => o with { ExpectedBodyBytes = body });

        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
        // 4 connections for 1 s on loopback answer hundreds of these; a stall would stop each after its first.
        Assert.True(result.Requests > 40, $"only {result.Requests} requests");
    }

    [Fact]
    public async Task Connection_close_responses_are_reconnects_not_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Ok(extraHeaders: "Connection: close\r\n") with { CloseAfter = true });
        var result = await LoadRun.Against(server);

        Assert.True(result.Requests > 0);
        Assert.Equal(0, result.Errors.Total);
        Assert.Equal(server.Requests, result.Requests);
        // Every response closes its connection, so all but the last few answered requests were followed by a reconnect.
        Assert.InRange(result.Reconnects, result.Requests - (2 * 4), result.Requests);
    }

    [Fact]
    public async Task Thousands_of_connections_are_opened_and_answered()
    {
        // Both ends live in this process: twice the descriptors, past the common 1,024 default.
        Host.Load.Linux.OpenFileLimit.Raise(8_192);
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with { Connections = 2_000, Threads = 2, Duration = TimeSpan.FromSeconds(1.5), Timeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(2_000, result.Engine.ConnectionsOpenedAtStart);
        Assert.Equal(2_000, server.ConnectionsAccepted);
        Assert.Equal(server.Requests, result.Requests);
        Assert.Equal(0, result.Errors.Total);
    }

    [Fact]
    public async Task Load_threads_do_not_allocate_per_request()
    {
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with { Connections = 16, Threads = 2, Duration = TimeSpan.FromSeconds(2) });

        // A floor that makes the bound meaningful: any working engine answers far more than this in 2 s.
        Assert.True(result.Requests >= 1_000, $"only {result.Requests} requests");
        // Set-up only (epoll registration, connect phase); per-request storage would be megabytes by now.
        Assert.InRange(result.Engine.WorkerAllocatedBytes, 0, 64 * 1024);
    }

    [Fact]
    public async Task Warmup_responses_are_discarded()
    {
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with
        {
            RatePerSecond = 200,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = TimeSpan.FromSeconds(1),
        });

        // 200 requests in each second: the server answered both seconds, the result holds the measured one.
        Assert.True(server.Requests is >= 395 and <= 400, $"server {server.Requests} result {result.Requests} measured {result.MeasuredSeconds} unfinished {result.Unfinished} errors {result.Errors} lag {result.SendLag} intervals {string.Join(";", result.Intervals)}");
        // The warm-up ends when the engine's clock thread next reads the clock: on a busy machine that read comes late
        // (65 ms once, so 187 measured), which moves requests from the measured second into the discarded one, never back.
        Assert.InRange(result.Requests, 150, 205);
        Assert.True(server.Requests - result.Requests >= 195, $"only {server.Requests - result.Requests} warm-up requests were discarded");
        Assert.All(result.Intervals, i => Assert.True(i.ElapsedSeconds > 0));
    }
}
