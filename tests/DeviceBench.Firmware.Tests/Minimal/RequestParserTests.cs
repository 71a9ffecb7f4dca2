using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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

    /// <summary>Parses whole and one byte per call, and checks both end alike: the parser must not care where input breaks.</summary>
    private static (ParseStatus Status, RequestParser Parser, int Consumed) ParseBothWays(string request)
    {
        var whole = Parse(request);
        var parser = new RequestParser();
        byte[] bytes = Encoding.Latin1.GetBytes(request);
        var status = ParseStatus.NeedMore;
        int offset = 0;
        while (offset < bytes.Length && status == ParseStatus.NeedMore)
        {
            int end = offset + 1;
            status = parser.Parse(bytes.AsSpan(0, end), ref offset, new RequestLimits());
        }
        Assert.Equal((whole.Status, whole.Parser.ErrorStatus, whole.Consumed), (status, parser.ErrorStatus, offset));
        return whole;
    }

    private static int ErrorOfBothWays(string request)
    {
        var (status, parser, _) = ParseBothWays(request);
        return status == ParseStatus.Failed ? parser.ErrorStatus : 0;
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
    [InlineData("GET https://example.com/json HTTP/1.1\r\nHost: example.com\r\n\r\n", "Json", "Get")]
    [InlineData("GET HtTpS://[::1]:8443?x HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", "Plain", "Get")]
    [InlineData("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "NotFound", "Connect")]
    [InlineData("CONNECT [2001:db8::1]:443 HTTP/1.1\r\nHost: [2001:db8::1]:443\r\n\r\n", "NotFound", "Connect")]
    [InlineData("GET / HTTP/1.1\r\nHost:\r\n\r\n", "Plain", "Get")] // an empty Host: the target has no authority
    [InlineData("GET / HTTP/1.1\r\nHost: a:80 \r\n\r\n", "Plain", "Get")]
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
    [InlineData("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n")] // empty authority
    [InlineData("CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n")] // CONNECT takes authority-form only
    [InlineData("CONNECT http://a:443/ HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT a HTTP/1.1\r\nHost: a\r\n\r\n")] // no default port for CONNECT
    [InlineData("CONNECT a: HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT a:443/ HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT :443 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT  a:443 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n")] // only http and https are served
    [InlineData("GET httpx://a/ HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("GET http:/a/ HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("G(T / HTTP/1.1\r\nHost: a\r\n\r\n")] // method must be a token
    public void Malformed_requests_are_400(string request) => Assert.Equal(400, ErrorOf(request));

    /// <summary>host [":" port] of RFC 3986 §3.2.2–3.2.3: IP-literal (IPv6, IPvFuture), IPv4address or reg-name.</summary>
    public static TheoryData<string> ValidAuthorities() =>
    [
        "a", "example.com", "a:80", "a:", "a:65536", "a:0080", "1.2.3.4", "1.2.3.999", "999.1.1.1", "a%41b", "-._~!$&'()*+,;=",
        "[::]", "[::1]", "[::1]:8080", "[1::]", "[1:2:3:4:5:6:7:8]", "[1::8]", "[1:2:3:4:5:6:7::]", "[::2:3:4:5:6:7:8]",
        "[ffff:FFFF::abcd]", "[::ffff:1.2.3.4]", "[1:2:3:4:5:6:1.2.3.4]", "[::1.2.3.4]", "[1::0.0.0.0]", "[::255.255.255.255]:1",
        "[v1.x]", "[V1F.a:b!]:80",
    ];

    public static TheoryData<string, string> InvalidAuthorities() => new()
    {
        { "[::1", "unclosed IP-literal" }, { "::1]", "unopened IP-literal" }, { "[]", "empty IP-literal" },
        { "[::1::2]", "two ::" }, { "[1:::2]", "three colons" }, { ":::", "three colons outside" }, { "[:1]", "a lone leading colon" },
        { "[1:]", "a lone trailing colon" }, { "[1:2:3]", "too few pieces" }, { "[1:2:3:4:5:6:7:8:9]", "too many pieces" },
        { "[1::2:3:4:5:6:7:8]", "eight pieces and ::" }, { "[12345::]", "a five-digit piece" }, { "[g::]", "not hex" },
        { "[1.2.3.4]", "IPv4 in brackets" }, { "[::1.2.3]", "a short IPv4 tail" }, { "[::1.2.3.4.5]", "a long IPv4 tail" },
        { "[::256.1.1.1]", "an octet past 255" }, { "[::1.2.3.256]", "a last octet past 255" }, { "[::01.2.3.4]", "a leading zero" },
        { "[::1.2.3.04]", "a leading zero in the last octet" }, { "[::a.1.1.1]", "a hex octet" },
        { "[1:2:3:4:5:6:7:1.2.3.4]", "an IPv4 tail with no room" }, { "[::1.2.3.4:1]", "a piece after the IPv4 tail" },
        { "[fe80::1%25eth0]", "a zone identifier (RFC 6874 is not part of HTTP)" }, { "[v.x]", "IPvFuture without a version" },
        { "[v1x]", "IPvFuture without a dot" }, { "[v1.]", "IPvFuture without a body" }, { "[v1.a/b]", "IPvFuture with a slash" },
        { "[::1]x", "a byte after the literal" }, { "[::1]:8x", "a letter in the port" }, { "a:8x", "a letter in the port" },
        { "a:80:80", "two ports" }, { "a:-1", "a sign in the port" }, { ":80", "an empty host" }, { "a]", "a bracket in a name" },
        { "a[b", "a bracket in a name" }, { "a%zz", "a bad percent triplet" }, { "a%4", "a short percent triplet" },
        { "user@a", "userinfo" }, { "a\"b", "a quote" }, { "a{b", "a brace" }, { "a\\b", "a backslash" }, { "a^b", "a caret" },
    };

    [Theory]
    [MemberData(nameof(ValidAuthorities))]
    public void Valid_authorities_are_taken_in_the_target_and_in_host(string authority)
    {
        Assert.Equal(ParseStatus.HeadComplete, ParseBothWays($"GET / HTTP/1.1\r\nHost: {authority}\r\n\r\n").Status);
        var (status, parser, _) = ParseBothWays($"GET http://{authority}/json HTTP/1.1\r\nHost: a\r\n\r\n");
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.Equal(Route.Json, parser.Route);
    }

    [Theory]
    [MemberData(nameof(InvalidAuthorities))]
    public void Invalid_authorities_are_400_in_the_target_and_in_host(string authority, string why)
    {
        Assert.True(ErrorOfBothWays($"GET / HTTP/1.1\r\nHost: {authority}\r\n\r\n") == 400, $"Host: {authority} ({why})");
        Assert.True(ErrorOfBothWays($"GET http://{authority}/ HTTP/1.1\r\nHost: a\r\n\r\n") == 400, $"http://{authority}/ ({why})");
        Assert.True(ErrorOfBothWays($"GET http://{authority} HTTP/1.1\r\nHost: a\r\n\r\n") == 400, $"http://{authority} ({why})");
    }

    /// <summary>IPv6address exactly as RFC 3986 §3.2.2 writes it, as the reference for the byte-at-a-time check.</summary>
    private static readonly Regex Ipv6Grammar = BuildIpv6Grammar();

    [Fact]
    public void Ipv6_literals_agree_with_the_rfc_3986_grammar()
    {
        var random = new Random(3986);
        int valid = 0;
        for (int round = 0; round < 20_000; round++)
        {
            string address = RandomIpv6Like(random);
            bool expected = Ipv6Grammar.IsMatch(address);
            valid += expected ? 1 : 0;
            var (status, parser, _) = Parse($"GET / HTTP/1.1\r\nHost: [{address}]\r\n\r\n");
            Assert.True(expected == (status == ParseStatus.HeadComplete), $"[{address}]: grammar says {expected}, parser {status} {parser.ErrorStatus}");
        }
        Assert.InRange(valid, 500, 19_500); // both sides of the grammar were tried (about 1,200 valid)
    }

    private static string RandomIpv6Like(Random random)
    {
        var parts = new List<string>();
        int count = random.Next(0, 10);
        for (int k = 0; k < count; k++)
        {
            int kind = random.Next(10);
            parts.Add(kind < 2 ? "" // makes "::"
                : kind == 2 && k == count - 1 ? string.Join('.', Enumerable.Range(0, random.Next(3, 6)).Select(_ => Octet(random)))
                : Piece(random, kind < 5 ? 10 : 22));
        }
        return string.Join(':', parts);
    }

    /// <summary>1–5 digits, decimal only (which an IPv4 tail may start with) or hex of both cases.</summary>
    private static string Piece(Random random, int alphabet) =>
        new([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => "0123456789abcdefABCDEF"[random.Next(alphabet)])]);

    private static string Octet(Random random) => random.Next(8) == 0 ? "0" + random.Next(10) : random.Next(0, 300).ToString(CultureInfo.InvariantCulture);

    private static Regex BuildIpv6Grammar()
    {
        const string H16 = "[0-9A-Fa-f]{1,4}";
        const string DecOctet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
        string ls32 = $"({H16}:{H16}|{DecOctet}(\\.{DecOctet}){{3}})";
        string[] alternatives =
        [
            $"({H16}:){{6}}{ls32}",
            $"::({H16}:){{5}}{ls32}",
            $"({H16})?::({H16}:){{4}}{ls32}",
            $"(({H16}:){{0,1}}{H16})?::({H16}:){{3}}{ls32}",
            $"(({H16}:){{0,2}}{H16})?::({H16}:){{2}}{ls32}",
            $"(({H16}:){{0,3}}{H16})?::{H16}:{ls32}",
            $"(({H16}:){{0,4}}{H16})?::{ls32}",
            $"(({H16}:){{0,5}}{H16})?::{H16}",
            $"(({H16}:){{0,6}}{H16})?::",
        ];
        return new Regex($"^({string.Join('|', alternatives)})$", RegexOptions.CultureInvariant);
    }

    [Theory]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT [::1]:443 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("CONNECT 1.2.3.4:443 HTTP/1.1\r\nHost: a\r\n\r\n")]
    public void Connect_takes_host_and_port_and_routes_nowhere(string request)
    {
        var (status, parser, _) = ParseBothWays(request);
        Assert.Equal(ParseStatus.HeadComplete, status);
        Assert.Equal((HttpMethodKind.Connect, Route.NotFound, true), (parser.Method, parser.Route, parser.KeepAlive));
    }

    [Fact]
    public void Host_is_checked_after_an_absolute_form_target_and_on_its_own()
    {
        Assert.Equal(400, ErrorOfBothWays("GET http://[::1]/ HTTP/1.1\r\nHost: [::1\r\n\r\n"));
        Assert.Equal(400, ErrorOfBothWays("GET / HTTP/1.0\r\nHost: a:b\r\n\r\n"));
        Assert.Equal(400, ErrorOfBothWays("GET / HTTP/1.1\r\nHost: a :80\r\n\r\n"));
    }

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
