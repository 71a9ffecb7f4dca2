using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Conformance;

/// <summary>
/// The fairness rules as tests: every contender (both C# engines, Rust hyper, Go net/http — real published builds on
/// loopback) serves the same status, framing and body bytes. A new engine or contender joins by adding a line to
/// <see cref="Contender.All"/>.
/// </summary>
public class ConformanceTests(ContenderServers servers) : IClassFixture<ContenderServers>
{
    private const string Plain = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n";
    private const string Json = "GET /json HTTP/1.1\r\nHost: bench\r\n\r\n";
    private const string Missing = "GET /nope HTTP/1.1\r\nHost: bench\r\n\r\n";
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(3);

    private RawHttpConnection Connect(string contender) => new(servers.Get(contender).Port);

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Root_answers_hello_world_as_text_with_a_content_length(string contender)
    {
        using var c = Connect(contender);
        c.Send(Plain);
        var r = c.ReadResponse();
        Assert.Equal(("HTTP/1.1", 200, "Hello, World!"), (r.Version, r.Status, r.BodyText));
        Assert.Equal("13", r.Header("content-length"));
        Assert.Equal("text/plain", r.Header("content-type"));
        Assert.Null(r.Header("transfer-encoding"));
        Assert.Null(r.Header("server"));
        Assert.NotNull(r.Header("date"));
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Json_answers_the_message_object(string contender)
    {
        using var c = Connect(contender);
        c.Send(Json);
        var r = c.ReadResponse();
        Assert.Equal((200, "{\"message\":\"Hello, World!\"}", "27"), (r.Status, r.BodyText, r.Header("content-length")));
        Assert.Equal("application/json", r.Header("content-type"));
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Unknown_path_is_404_with_an_empty_body_and_the_connection_kept(string contender)
    {
        using var c = Connect(contender);
        c.Send(Missing);
        var r = c.ReadResponse();
        Assert.Equal((404, "0"), (r.Status, r.Header("content-length")));
        c.Send(Plain);
        Assert.Equal(200, c.ReadResponse().Status);
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Http11_keeps_the_connection_alive_across_requests(string contender)
    {
        using var c = Connect(contender);
        for (int i = 0; i < 5; i++)
        {
            c.Send(i % 2 == 0 ? Plain : Json);
            Assert.Equal(200, c.ReadResponse().Status);
        }
        Assert.False(c.ClosedByServer(TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Http11_with_connection_close_is_answered_then_closed(string contender)
    {
        using var c = Connect(contender);
        c.Send("GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n");
        Assert.Equal("Hello, World!", c.ReadResponse().BodyText);
        Assert.True(c.ClosedByServer(CloseWait));
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Http10_is_answered_then_closed(string contender)
    {
        using var c = Connect(contender);
        c.Send("GET / HTTP/1.0\r\n\r\n");
        var r = c.ReadResponse();
        Assert.Equal((200, "Hello, World!"), (r.Status, r.BodyText));
        Assert.StartsWith("HTTP/1.", r.Version, StringComparison.Ordinal);
        Assert.True(c.ClosedByServer(CloseWait));
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Http10_with_keep_alive_stays_open(string contender)
    {
        using var c = Connect(contender);
        c.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        var r = c.ReadResponse();
        Assert.Equal("keep-alive", r.Header("connection")?.ToLowerInvariant());
        c.Send("GET /json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        Assert.Equal(27, c.ReadResponse().Body.Length);
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Pipelined_requests_are_answered_in_order(string contender)
    {
        using var c = Connect(contender);
        c.Send(Plain + Json + Missing + Plain);
        Assert.Equal([200, 200, 404, 200], Enumerable.Range(0, 4).Select(_ => c.ReadResponse()).Select(r => r.Status));
        c.Send(Json);
        Assert.Equal(27, c.ReadResponse().Body.Length);
    }

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public void Head_sends_the_headers_of_get_without_a_body(string contender)
    {
        using var c = Connect(contender);
        c.Send("HEAD / HTTP/1.1\r\nHost: bench\r\n\r\n" + Json);
        var head = c.ReadResponse(head: true);
        Assert.Equal((200, "13"), (head.Status, head.Header("content-length")));
        Assert.Equal("{\"message\":\"Hello, World!\"}", c.ReadResponse().BodyText);
    }

    [Fact]
    public void Every_contender_answers_every_case_byte_for_byte_alike()
    {
        string[] requests = [Plain, Json, Missing, "GET /json?x=1 HTTP/1.1\r\nHost: bench\r\n\r\n", "GET / HTTP/1.1\r\nHost: bench\r\nAccept: */*\r\n\r\n"];
        var transcripts = Contender.All.ToDictionary(c => c.Name, c =>
        {
            using var conn = Connect(c.Name);
            return string.Join('\n', requests.Select(req => { conn.Send(req); return conn.ReadResponse().Normalized; }));
        });
        string reference = transcripts["go-nethttp"];
        Assert.All(transcripts, t => Assert.True(t.Value == reference, $"{t.Key} differs from go-nethttp:\n{t.Value}\nvs\n{reference}"));
    }
}
