namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>
/// The methods the routes tell apart, and CONNECT, whose target has a form of its own (RFC 9112 §3.2.3); every other
/// valid token is <see cref="Other"/> (405 on a route).
/// </summary>
internal enum HttpMethodKind : byte { Other, Get, Head, Options, Connect }
