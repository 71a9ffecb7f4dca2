using System.Text;

namespace DeviceBench.Firmware.Engines;

/// <summary>The fairness rules' routes and exact body bytes, shared by every C# engine (and matched by Rust and Go).</summary>
internal static class Routes
{
    public static ReadOnlySpan<byte> PlainBody => "Hello, World!"u8;
    public static ReadOnlySpan<byte> JsonBody => "{\"message\":\"Hello, World!\"}"u8;
    public const string PlainContentType = "text/plain";
    public const string JsonContentType = "application/json";

    /// <summary>Resolves a request path (without query) to a route.</summary>
    public static Route Match(ReadOnlySpan<byte> path) =>
        path.SequenceEqual("/"u8) ? Route.Plain : path.SequenceEqual("/json"u8) ? Route.Json : Route.NotFound;

    public static Route Match(string path) => Match(Encoding.ASCII.GetBytes(path));
}

internal enum Route { NotFound, Plain, Json }
