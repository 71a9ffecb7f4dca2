using System.Globalization;

namespace DeviceBench.Host.Boards.Esp32;

/// <summary>
/// Where <c>esp32:SERIAL@ADDRESS[:PORT]</c> points: the serial device on this host that carries the board's report
/// lines (its COM2 through a USB-UART adapter), and the address its HTTP server listens on (port 80 unless given).
/// </summary>
public sealed record Esp32Target(string SerialDevice, string Host, int Port)
{
    public const int DefaultPort = 80;
    private const string Scheme = "esp32:";
    private const string Shape = "expected esp32:SERIAL@ADDRESS[:PORT], e.g. esp32:/dev/ttyUSB0@192.168.1.50";

    public string Name => $"{Scheme}{SerialDevice}@{HostText}{(Port == DefaultPort ? "" : $":{Port.ToString(CultureInfo.InvariantCulture)}")}";

    public Uri ServerUri => new($"http://{HostText}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    private string HostText => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    public static bool IsSpec(string spec) => spec?.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) == true;

    /// <exception cref="ArgumentException">Not <c>esp32:SERIAL@ADDRESS[:PORT]</c>.</exception>
    public static Esp32Target Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsSpec(spec)) throw new ArgumentException($"board spec is not an ESP32: {Shape}");
        string rest = spec[Scheme.Length..];
        // The address follows the last '@': a serial path has none, and an IPv6 address is bracketed.
        int at = rest.LastIndexOf('@');
        if (at <= 0 || at == rest.Length - 1) throw new ArgumentException($"board spec needs a serial device and an address: {Shape}");
        string serial = rest[..at], address = rest[(at + 1)..];
        if (!Uri.TryCreate($"http://{address}/", UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0 || uri.AbsolutePath != "/"
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0)
            throw new ArgumentException($"board spec has no usable address '{address}': {Shape}");
        return new Esp32Target(serial, uri.DnsSafeHost, uri.Port);
    }
}
