using System.Text;
using DeviceBench.Host.Load.Http;

namespace DeviceBench.Host.Tests.Load;

public class ResponseParserTests
{
    private const string Mixed =
        "HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!"
        + "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n8\r\n, World!\r\n0\r\nTrailer: x\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\n\r\n"
        + "HTTP/1.1 404 Not Found\r\ncontent-length:  9 \r\nConnection: keep-alive\r\n\r\nnot found"
        + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    private static readonly (int Status, long Body, bool Close)[] MixedExpected =
        [(200, 13, false), (200, 13, false), (204, 0, false), (404, 9, false), (200, 0, true)];

    [Fact]
    public void Whole_stream_yields_each_response_with_status_and_body_length()
    {
        Assert.Equal(MixedExpected, ParseAll(new ResponseParser(false), [Encoding.ASCII.GetBytes(Mixed)]));
    }

    [Fact]
    public void Stream_fed_one_byte_at_a_time_yields_the_same_responses()
    {
        var bytes = Encoding.ASCII.GetBytes(Mixed);
        Assert.Equal(MixedExpected, ParseAll(new ResponseParser(false), [.. bytes.Select(b => new[] { b })]));
    }

    [Fact]
    public void Stream_split_at_every_point_yields_the_same_responses()
    {
        var bytes = Encoding.ASCII.GetBytes(Mixed);
        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.Equal(MixedExpected, ParseAll(new ResponseParser(false), [bytes[..split], bytes[split..]]));
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\n\r\n")]
    public void Bytes_that_are_not_a_response_are_invalid(string text)
    {
        var step = new ResponseParser(false).Parse(Encoding.ASCII.GetBytes(text), out _);
        Assert.Equal(ParseStep.Invalid, step);
    }

    [Fact]
    public void Garbage_is_rejected_before_a_header_block_ends()
    {
        Assert.Equal(ParseStep.Invalid, new ResponseParser(false).Parse("<html>"u8, out _));
    }

    [Fact]
    public void Header_block_past_16_KiB_is_invalid()
    {
        var parser = new ResponseParser(false);
        Assert.Equal(ParseStep.NeedMore, parser.Parse("HTTP/1.1 200 OK\r\n"u8, out _));
        var filler = Encoding.ASCII.GetBytes("X-Filler: " + new string('a', 1000) + "\r\n");
        var step = ParseStep.NeedMore;
        for (var i = 0; i < 20 && step == ParseStep.NeedMore; i++)
        {
            step = parser.Parse(filler, out _);
        }

        Assert.Equal(ParseStep.Invalid, step);
    }

    [Fact]
    public void Body_without_length_runs_until_the_server_closes()
    {
        var parser = new ResponseParser(false);
        Assert.Equal(ParseStep.NeedMore, parser.Parse("HTTP/1.0 200 OK\r\n\r\nsome body"u8, out _));
        Assert.True(parser.CompletesAtEndOfStream);
        Assert.True(parser.TryCompleteAtEndOfStream());
        Assert.Equal(9, parser.BodyBytes);
        Assert.True(parser.CloseAfterResponse);
    }

    [Fact]
    public void Http10_closes_unless_kept_alive()
    {
        var parser = new ResponseParser(false);
        parser.Parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"u8, out _);
        Assert.True(parser.CloseAfterResponse);
        parser.Parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\n\r\n"u8, out _);
        Assert.False(parser.CloseAfterResponse);
    }

    [Fact]
    public void Responses_to_head_have_no_body_whatever_their_length_says()
    {
        var parser = new ResponseParser(responsesHaveNoBody: true);
        var head = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"u8;
        Assert.Equal(ParseStep.ResponseComplete, parser.Parse(head, out var consumed));
        Assert.Equal(head.Length, consumed);
    }

    [Fact]
    public void Cut_inside_a_declared_body_is_reported_as_such()
    {
        var parser = new ResponseParser(false);
        parser.Parse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"u8, out _);
        Assert.True(parser.IsInDeclaredBody);
        Assert.False(parser.TryCompleteAtEndOfStream());
    }

    private static List<(int Status, long Body, bool Close)> ParseAll(ResponseParser parser, IEnumerable<byte[]> pieces)
    {
        var responses = new List<(int, long, bool)>();
        foreach (var piece in pieces)
        {
            ReadOnlySpan<byte> data = piece;
            while (!data.IsEmpty)
            {
                var step = parser.Parse(data, out var consumed);
                Assert.NotEqual(ParseStep.Invalid, step);
                data = data[consumed..];
                if (step == ParseStep.ResponseComplete)
                {
                    responses.Add((parser.StatusCode, parser.BodyBytes, parser.CloseAfterResponse));
                }
            }
        }

        Assert.False(parser.IsMidResponse);
        return responses;
    }
}
