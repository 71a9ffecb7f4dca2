namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>The methods the routes tell apart; every other valid token is <see cref="Other"/> (405 on a route).</summary>
internal enum HttpMethodKind : byte { Other, Get, Head, Options }
