using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;

namespace DeviceBench.Host.Tests.Load;

/// <summary>Each error class provoked for real by a server that misbehaves in exactly one way.</summary>
public class ErrorClassTests
{
    [Fact]
    public async Task Refused_port_counts_connect_errors()
    {
        var result = await LoadEngine.RunAsync(LoadRun.Options(LoadRun.RefusedUrl()));

        Assert.True(result.Errors.Connect > 0);
        AssertOnly(result, ErrorClass.Connect);
        Assert.Equal(0, result.Requests);
        Assert.Contains(result.Engine.Warnings, w => w.Contains("only 0 of 4 connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_closing_mid_response_counts_read_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Le", closeAfter: true));
        var result = await LoadRun.Against(server);

        Assert.True(result.Errors.Read > 0);
        AssertOnly(result, ErrorClass.Read);
        Assert.Equal(0, result.Requests);
    }

    [Fact]
    public async Task Body_cut_short_of_its_content_length_counts_length_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHello", closeAfter: true));
        var result = await LoadRun.Against(server);

        Assert.True(result.Errors.Length > 0);
        AssertOnly(result, ErrorClass.Length);
        Assert.Equal(0, result.Requests);
    }

    [Fact]
    public async Task Body_longer_than_its_content_length_counts_length_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHello, World!"));
        var result = await LoadRun.Against(server);

        // The first 5 bytes make a valid response; the 8 bytes after it answer nothing.
        Assert.True(result.Errors.Length > 0);
        AssertOnly(result, ErrorClass.Length);
        Assert.Equal(result.Requests, result.Errors.Length);
    }

    [Fact]
    public async Task Body_of_an_unexpected_length_counts_length_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Ok("Hello"));
        var result = await LoadRun.Against(server, o => o with { ExpectedBodyBytes = 13 });

        Assert.True(result.Requests > 0);
        Assert.Equal(result.Requests, result.Errors.Length);
        AssertOnly(result, ErrorClass.Length);
    }

    [Theory]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("<html>oops</html>")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n")]
    public async Task Garbage_response_counts_parse_errors(string garbage)
    {
        await using var server = new TestHttpServer(_ => Reply.Raw(garbage));
        var result = await LoadRun.Against(server);

        Assert.True(result.Errors.Parse > 0);
        AssertOnly(result, ErrorClass.Parse);
        Assert.Equal(0, result.Requests);
    }

    [Fact]
    public async Task Silent_server_counts_timeouts()
    {
        await using var server = new TestHttpServer(_ => Reply.Silence);
        var result = await LoadRun.Against(server, o => o with { Timeout = TimeSpan.FromMilliseconds(200) });

        // 4 connections, each timing out every 200 ms (+ up to one 20 ms sweep) for 1 s, then once more while draining.
        Assert.InRange(result.Errors.Timeout, 4, 4 * 6);
        AssertOnly(result, ErrorClass.Timeout);
        Assert.Equal(0, result.Requests);
        Assert.True(result.Reconnects > 0);
    }

    [Fact]
    public async Task Unexpected_status_counts_status_errors()
    {
        await using var server = new TestHttpServer(_ => Reply.Ok("boom", status: 500));
        var result = await LoadRun.Against(server);

        Assert.True(result.Requests > 0);
        Assert.Equal(result.Requests, result.Errors.Status);
        AssertOnly(result, ErrorClass.Status);
    }

    [Fact]
    public async Task Expected_status_is_not_an_error()
    {
        await using var server = new TestHttpServer(_ => Reply.Ok("nope", status: 404));
        var result = await LoadRun.Against(server, o => o with { ExpectedStatus = 404 });

        Assert.True(result.Requests > 0);
        Assert.Equal(0, result.Errors.Total);
    }

    private static void AssertOnly(LoadResult result, ErrorClass expected)
    {
        foreach (var error in Enum.GetValues<ErrorClass>().Where(e => e != expected))
        {
            Assert.True(result.Errors[error] == 0, $"{error}: {result.Errors[error]}");
        }
    }
}
