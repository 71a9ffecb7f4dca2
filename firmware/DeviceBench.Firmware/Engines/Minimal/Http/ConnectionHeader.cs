namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>The Connection field a response carries: none for HTTP/1.1 keep-alive, keep-alive for HTTP/1.0, or close.</summary>
internal enum ConnectionHeader { None, KeepAlive, Close }
