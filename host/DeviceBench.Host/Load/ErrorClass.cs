namespace DeviceBench.Host.Load;

/// <summary>Why a request failed. Each failure counts once, in exactly one class.</summary>
public enum ErrorClass
{
    /// <summary>The TCP connection could not be established (refused, unreachable, or not within the timeout).</summary>
    Connect,

    /// <summary>Receiving failed, or the server closed the connection before a response was complete.</summary>
    Read,

    /// <summary>Sending the request failed.</summary>
    Write,

    /// <summary>No complete response within the timeout; the connection is closed and reopened.</summary>
    Timeout,

    /// <summary>The bytes received are not an HTTP/1.x response.</summary>
    Parse,

    /// <summary>A well-formed response with an unexpected status (by default anything but 2xx and 3xx).</summary>
    Status,

    /// <summary>The body length disagrees with Content-Length (cut short, or longer) or with the expected length.</summary>
    Length,
}
