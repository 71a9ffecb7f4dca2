using System.Text;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Engines.Minimal.Http;

namespace DeviceBench.Firmware.Tests.Minimal;

public class RequestParserTests
{
    private static (ParseStatus Status, RequestParser Parser, int Consumed) Parse(string request, RequestLimits? limits = null)
    {
        var parser = new RequestParser();
        byte[] bytes = Encoding.Latin1.GetBytes(request);
        int offset = 0;
        var status = parser.Parse(bytes, ref offset, limits ?? new RequestLimits());
        return (status, parser, offset);
    }

    private static int ErrorOf(string request, RequestLimits? limits = null)
    {
        var (status, parser, _) = Parse(request, limits);
        Assert.Equal(ParseStatus.Failed, status);
        return parser.ErrorStatus;
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n", "Plain", "Get")]
    [InlineData("GET /json HTTP/1.1\r\nHost: a\r\n\r\n", "Json", "Get")]
    [InlineData("HEAD /json?x=1&y=%20 HTTP/1.1\r\nHost: a\r\n\r\n", "Json", "Head")]
    [InlineData("POST /nope HTTP/1.1\r\nHost: a\r\n\r\n", "NotFound", "Other")]
    [InlineData("GET /json/ HTTP/1.1\r\nHost: a\r\n\r\n", "NotFound", "Get")]
    [InlineData("GET /a-much-longer-path-than-any-route HTTP/1.1\r\nHost: a\r\n\r\n", "NotFound", "Get")]
    [InlineData("GET http://example.com:8080/json?q HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", "Json", "Get")]
    [InlineData("GET HTTP://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n", "Plain", "Get")]
    [InlineData("get / HTTP/1.1\r\nHost: a\r\n\r\n", "Plain", "Other")]
    [InlineData("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "Plain", "Get")]
    [InlineData("GET / HTTP/1.1\r\nhOsT:a\r\nX-Empty:\r\nX-Tab:\tv\t\r\nX-Obs-Text: caf\u00e9\r\n\r\n", "Plain", "Get")]
    public void Valid_heads_are_routed(string request, string route, string method)
    {
        var (status, parser, consumed) = Parse(request);
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.Equal(request.Length, consumed);
        Assert.Equal(Enum.Parse<Route>(route), parser.Route);
        Assert.Equal(Enum.Parse<HttpMethodKind>(method), parser.Method);
    }

    [Fact]
    public void Options_asterisk_is_accepted_only_with_options()
    {
        var (status, parser, _) = Parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.True(parser.IsAsteriskForm);
        Assert.Equal(400, ErrorOf("GET * HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true)]
    [InlineData("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", false)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", false)]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n", true)]
    public void Keep_alive_follows_version_and_connection_options(string request, bool keepAlive)
    {
        var (status, parser, _) = Parse(request);
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.Equal(keepAlive, parser.KeepAlive);
    }

    [Theory]
    [InlineData("GET  / HTTP/1.1\r\nHost: a\r\n\r\n")] // two spaces
    [InlineData(" GET / HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\nHost: a\r\n\r\n")] // bare LF ends the request-line
    [InlineData("GET / HTTP/1.1\r\nHost: a\n\r\n")] // bare LF ends a field line
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n\n")] // bare LF ends the head
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n\r\n")] // whitespace before the colon
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n")] // obs-fold
    [InlineData("GET / HTTP/1.1\r\n Host: a\r\n\r\n")] // whitespace before the first field
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n")] // empty field name
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n")] // NUL in a value
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n")] // CR alone in a value
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\u0001\r\n\r\n")] // CTL in a value
    [InlineData("GET / HTTP/1.1\r\n\r\n")] // no Host in HTTP/1.1
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")] // two Host lines
    [InlineData("GET / HTTP/1.1\r\nHost: a b\r\n\r\n")] // invalid Host value
    [InlineData("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1a\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")] // smuggling shape
    [InlineData("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")] // TE in HTTP/1.0
    [InlineData("GET / HTTP/1.1x\r\nHost: a\r\n\r\n")]
    [InlineData("GET / http/1.1\r\nHost: a\r\n\r\n")] // HTTP-name is case-sensitive
    [InlineData("GET / HTTP/11\r\nHost: a\r\n\r\n")]
    [InlineData("GET /\r\n\r\n")] // HTTP/0.9 simple request
    [InlineData("GET foo HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /a\u0080 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET https://a/ HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n")] // empty authority
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n")] // authority-form is not served
    [InlineData("G(T / HTTP/1.1\r\nHost: a\r\n\r\n")] // method must be a token
    public void Malformed_requests_are_400(string request) => Assert.Equal(400, ErrorOf(request));

    [Theory]
    [InlineData("GET / HTTP/2.0\r\nHost: a\r\n\r\n")]
    [InlineData("GET / HTTP/0.9\r\n\r\n")]
    public void Other_http_versions_are_505(string request) => Assert.Equal(505, ErrorOf(request));

    [Fact]
    public void A_later_http_1_minor_version_is_served_as_1_1()
    {
        var (status, parser, _) = Parse("GET / HTTP/1.2\r\nHost: a\r\n\r\n");
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.False(parser.IsHttp10);
        Assert.Equal(400, ErrorOf("GET / HTTP/1.9\r\n\r\n")); // and, as 1.1, needs a Host
    }

    [Fact]
    public void Transfer_encoding_is_501()
    {
        Assert.Equal(501, ErrorOf("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));
        Assert.Equal(501, ErrorOf("POST / HTTP/1.1\r\nHost: a\r\ntransfer-encoding: gzip, chunked\r\n\r\n"));
    }

    /// <summary>RFC 9112 §6.3 (4): with chunked not the final coding, or beside Content-Length, the length is unknowable: 400.</summary>
    [Theory]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n")]
    [InlineData("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public void Transfer_encoding_without_a_knowable_length_is_400(string request) => Assert.Equal(400, ErrorOf(request));

    [Fact]
    public void Method_longer_than_any_implemented_is_501() =>
        Assert.Equal(501, ErrorOf(new string('M', 33) + " / HTTP/1.1\r\nHost: a\r\n\r\n"));

    [Fact]
    public void Body_larger_than_the_limit_is_413()
    {
        var limits = new RequestLimits { MaxBodyBytes = 100 };
        Assert.Equal(413, ErrorOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n", limits));
        Assert.Equal(413, ErrorOf("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999999\r\n\r\n"));
        Assert.Equal(ParseStatus.HeadComplete, Parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n", limits).Status);
    }

    [Fact]
    public void Request_line_at_the_limit_is_accepted_and_a_longer_target_is_414()
    {
        var limits = new RequestLimits { MaxRequestLineBytes = 64 };
        string AtLength(int lineBytes) => "GET /" + new string('a', lineBytes - "GET / HTTP/1.1".Length) + " HTTP/1.1\r\nHost: a\r\n\r\n";
        Assert.Equal(ParseStatus.HeadComplete, Parse(AtLength(64), limits).Status);
        Assert.Equal(414, ErrorOf(AtLength(65), limits));
        Assert.Equal(414, ErrorOf("GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    [Fact]
    public void Header_section_past_the_limit_is_431()
    {
        var limits = new RequestLimits { MaxHeaderBytes = 64 };
        string WithSection(int sectionBytes) =>
            "GET / HTTP/1.1\r\nHost: a\r\nX: " + new string('v', sectionBytes - "Host: a\r\nX: \r\n\r\n".Length) + "\r\n\r\n";
        Assert.Equal(ParseStatus.HeadComplete, Parse(WithSection(64), limits).Status);
        Assert.Equal(431, ErrorOf(WithSection(65), limits));
        Assert.Equal(431, ErrorOf("GET / HTTP/1.1\r\nHost: a\r\nX: " + new string('v', 9000) + "\r\n\r\n"));
    }

    [Fact]
    public void More_header_lines_than_the_limit_is_431()
    {
        string WithFields(int count) => "GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Range(1, count - 1).Select(k => $"X-{k}: v\r\n")) + "\r\n";
        Assert.Equal(ParseStatus.HeadComplete, Parse(WithFields(100)).Status);
        Assert.Equal(431, ErrorOf(WithFields(101)));
    }

    [Fact]
    public void Body_is_skipped_and_the_next_request_follows()
    {
        string batch = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhelloGET /json HTTP/1.1\r\nHost: a\r\n\r\n";
        var parser = new RequestParser();
        byte[] bytes = Encoding.ASCII.GetBytes(batch);
        int offset = 0;
        Assert.Equal(ParseStatus.HeadComplete, parser.Parse(bytes, ref offset, new RequestLimits()));
        Assert.True(parser.IsReadingBody);
        Assert.Equal(ParseStatus.HeadComplete, parser.Parse(bytes, ref offset, new RequestLimits()));
        Assert.Equal(Route.Json, parser.Route);
        Assert.Equal(bytes.Length, offset);
        Assert.True(parser.IsIdle);
    }

    [Fact]
    public void Random_bytes_never_throw_and_always_end_in_a_status()
    {
        var random = new Random(1234);
        var limits = new RequestLimits();
        byte[] alphabet = Encoding.ASCII.GetBytes("GET /json HTTP/1.1\r\nHost:Content-Length: 12\r\nTransfer-Encoding\0\t :,%\u007f");
        for (int round = 0; round < 20_000; round++)
        {
            byte[] input = new byte[random.Next(1, 96)];
            for (int k = 0; k < input.Length; k++) input[k] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            var parser = new RequestParser();
            int offset = 0;
            while (offset < input.Length)
            {
                var status = parser.Parse(input, ref offset, limits);
                if (status == ParseStatus.Failed)
                {
                    Assert.Contains(parser.ErrorStatus, new[] { 400, 413, 414, 431, 501, 505 });
                    break;
                }
            }
        }
    }
}
