namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>Every response the minimal engine can send; each is cached as complete bytes in a <see cref="ResponseTable"/>.</summary>
internal enum ResponseKind
{
    Plain,
    Json,
    NotFound,
    MethodNotAllowed,
    /// <summary><c>OPTIONS *</c>: the server's own options (RFC 9110 §9.3.7).</summary>
    ServerOptions,
    BadRequest,
    RequestTimeout,
    ContentTooLarge,
    UriTooLong,
    HeaderFieldsTooLarge,
    NotImplemented,
    VersionNotSupported,
}
