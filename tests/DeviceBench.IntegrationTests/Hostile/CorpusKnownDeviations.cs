namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// Where a contender, measured, is not what the corpus expects, and why. Each line is a finding to fix or to live with,
/// not a tolerance: a listed case is still checked for everything else (server alive, normal client served), and a
/// smuggle is tolerated only where it is listed as one.
/// </summary>
internal static class CorpusKnownDeviations
{
    /// <summary>C# Kestrel answers a status the corpus does not expect (RFC-incorrect, and Kestrel's own behaviour).</summary>
    public static readonly IReadOnlyDictionary<string, string> Kestrel = new Dictionary<string, string>
    {
        ["control-byte-in-target"] = "404, kept open: Kestrel takes a CTL byte in the target (RFC 9112 §3.2 allows none)",
        ["asterisk-form-with-get"] = "405, closed: Kestrel passes `GET *` to the application (RFC 9112 §3.2.4: OPTIONS only)",
        ["authority-form-with-get"] = "405, closed: Kestrel passes `GET host:port` to the application (RFC 9112 §3.2.3: CONNECT only)",
        ["bad-token-in-header-name"] = "200, kept open: Kestrel takes '(' in a field name (RFC 9110 §5.1: field-name = token)",
        ["content-length-plus-sign"] = "405, kept open: Kestrel reads Content-Length \"+39\" as 39 (RFC 9110 §8.6: 1*DIGIT); body consumed, nothing smuggled",
    };

    /// <summary>Contenders that answer a hidden second request: smuggling, measured and reported (the test fails on any other).</summary>
    public static readonly IReadOnlyDictionary<(string Contender, string Case), string> Smuggles = new Dictionary<(string, string), string>
    {
        [("rust-hyper", "cl-te-smuggle")] = "hyper 0.14.19 decodes chunked and keeps the connection (RFC 9112 §6.1: MUST close)",
        [("rust-hyper", "bytewise-cl-te-smuggle")] = "the same, when the hidden request arrives before hyper's answer",
        [("go-nethttp", "cl-te-smuggle")] = "Go 1.19 decodes chunked and keeps the connection (RFC 9112 §6.1: MUST close)",
        [("go-nethttp", "bytewise-cl-te-smuggle")] = "the same, byte by byte",
        [("go-nethttp", "obs-fold-hiding-content-length")] = "Go unfolds obs-fold into the previous value (allowed by RFC 9112 §5.2), so a folded Content-Length is no length",
    };
}
