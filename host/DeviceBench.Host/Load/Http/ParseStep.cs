namespace DeviceBench.Host.Load.Http;

/// <summary>What one call to <see cref="ResponseParser.Parse"/> achieved.</summary>
internal enum ParseStep
{
    /// <summary>All input consumed, the response is not complete yet.</summary>
    NeedMore,

    /// <summary>A whole response ended; its status and body length are on the parser until the next call.</summary>
    ResponseComplete,

    /// <summary>The bytes are not an HTTP/1.x response; the connection cannot be trusted any more.</summary>
    Invalid,
}
