namespace DeviceBench.Host.Tests.Servers;

/// <summary>A request as the test server framed it: its number over the server's life and on its connection.</summary>
public sealed record RequestInfo(long Number, long NumberOnConnection, string Method, int BodyBytes);
