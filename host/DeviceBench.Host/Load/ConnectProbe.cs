using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DeviceBench.Host.Load;

/// <summary>
/// One TCP connect to the target before anything starts (as wrk does), so a closed port, a wrong address or a
/// mistyped host is one clear line at once rather than a run full of connect errors and a table of nothing.
/// </summary>
public static class ConnectProbe
{
    /// <summary>
    /// Null when a connection opened (it is closed again at once); otherwise why not, as one line such as
    /// <c>cannot connect to 127.0.0.1:1: connection refused</c>.
    /// </summary>
    public static async Task<string?> FindProblemAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var target = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        IPEndPoint endPoint;
        try
        {
            endPoint = Resolve(host, port);
        }
        catch (SocketException e)
        {
            return $"cannot resolve {host}: {Lower(e.Message)}";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }

        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException e)
        {
            return $"cannot connect to {target}: {Lower(e.Message)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cannot connect to {target}: no answer within {timeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>The address the engine connects to: an IP literal as is, a name's first IPv4 address, else its first IPv6 one.</summary>
    internal static IPEndPoint Resolve(string host, int port)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : Dns.GetHostAddresses(host);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6)
            ?? throw new ArgumentException($"{host} has no IPv4 or IPv6 address");
        return new IPEndPoint(address, port);
    }

    // Socket errors read as strerror(3) ("Connection refused"); mid-sentence they start lower case.
    private static string Lower(string message) => message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
