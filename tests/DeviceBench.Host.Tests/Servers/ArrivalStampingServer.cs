using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Tests.Servers;

/// <summary>
/// One connection served by one dedicated thread blocked in receive, which stamps each request the moment the
/// kernel wakes it. The async test server adds a thread-pool hop to every stamp, which on a busy machine costs
/// milliseconds: too coarse to judge a microsecond scheduler by.
/// </summary>
public sealed class ArrivalStampingServer : IDisposable
{
    private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<long> _arrivalTicks = [];
    private readonly Thread _thread;

    public ArrivalStampingServer()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _thread = new Thread(Serve) { IsBackground = true, Name = "test-arrival-stamps" };
        _thread.Start();
    }

    public Uri Url { get; }

    public IReadOnlyList<long> ArrivalTicks
    {
        get
        {
            lock (_arrivalTicks)
            {
                return [.. _arrivalTicks];
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _thread.Join();
    }

    private void Serve()
    {
        try
        {
            using var socket = _listener.AcceptSocket();
            var buffer = new byte[4096];
            var filled = 0;
            while (true)
            {
                var received = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                var now = Stopwatch.GetTimestamp();
                if (received == 0)
                {
                    return;
                }

                filled += received;
                int length;
                while (RequestFraming.TryFrame(buffer.AsSpan(0, filled), out length, out _, out _))
                {
                    lock (_arrivalTicks)
                    {
                        _arrivalTicks.Add(now);
                    }

                    socket.Send(Response);
                    buffer.AsSpan(length, filled - length).CopyTo(buffer);
                    filled -= length;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
