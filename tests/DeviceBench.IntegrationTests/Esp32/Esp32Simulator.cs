using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.NanoFramework;

namespace DeviceBench.IntegrationTests.Esp32;

/// <summary>
/// Stands in for an ESP32 running the nanoFramework firmware, for tests only: no ESP32 is attached to this machine.
/// What it runs is the firmware's own core (routes, histogram, protocol lines: the same source files the
/// nanoFramework build compiles) behind a small HTTP/1.1 server shaped like nanoFramework's HttpListener — a thread
/// per keep-alive connection, requests handled one at a time from one queue, and a socket cap past which a new
/// connection is reset (as lwIP does when its sockets run out). Its report lines go into a real pty.
/// Heap figures are this process's managed heap, sent under the device's keys: a simulator's, not a device's.
/// </summary>
public sealed class Esp32Simulator : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly PtyPair _serial;
    private readonly DeviceReporter _reporter;
    private readonly Lock _queue = new();
    private readonly Lock _count = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _acceptor;
    private readonly Thread _ticker;
    private readonly long _booted = Stopwatch.GetTimestamp();
    private readonly int _socketCap;
    private int _open;

    /// <param name="socketCap">Sockets the device has, the listener's included (16 on ESP32, 8 on ESP32-C3).</param>
    public Esp32Simulator(int socketCap = 16, TimeSpan? interval = null)
    {
        _socketCap = socketCap;
        _serial = new PtyPair();
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _reporter = new DeviceReporter("0.1.0", "xtensa", 2, 320 * 1024, Port, p99BudgetMicros: 0);
        _serial.WriteFromBoard("ets Jun  8 2016 00:22:57", "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)", _reporter.BootLine(),
            _reporter.ReadyLine(UptimeMillis, Heap()));
        var every = interval ?? TimeSpan.FromMilliseconds(500);
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "esp32-sim-accept" };
        _ticker = new Thread(() => Tick(every)) { IsBackground = true, Name = "esp32-sim-report" };
        _acceptor.Start();
        _ticker.Start();
    }

    public int Port { get; }

    /// <summary>The host's end of the serial cable (what <c>esp32:SERIAL@…</c> names).</summary>
    public string SerialDevice => _serial.HostEnd;

    /// <summary>Most sockets open at once, the listener's included.</summary>
    public int MostSocketsOpen { get; private set; } = 1;

    /// <summary>Connections reset because every socket was taken.</summary>
    public int Refused { get; private set; }

    public long Requests => _reporter.Requests;

    private long UptimeMillis => (long)Stopwatch.GetElapsedTime(_booted).TotalMilliseconds;

    private static HeapReading Heap()
    {
        long used = GC.GetTotalMemory(false);
        return new HeapReading(used, Math.Max(0, (4L << 20) - used), 150_000);
    }

    private void Tick(TimeSpan interval)
    {
        while (!_stop.Token.WaitHandle.WaitOne(interval))
            _serial.WriteFromBoard(_reporter.Tick(UptimeMillis, Heap()));
    }

    private void Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = _listener.AcceptSocket(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            bool admitted;
            lock (_count)
            {
                admitted = 1 + _open < _socketCap;
                if (admitted) MostSocketsOpen = Math.Max(MostSocketsOpen, 1 + ++_open);
                else Refused++;
            }
            if (!admitted)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                continue;
            }
            new Thread(() => Serve(socket)) { IsBackground = true, Name = "esp32-sim-conn" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[2048];
        int filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int end;
                while ((end = HeadEnd(buffer, filled)) < 0)
                {
                    if (filled == buffer.Length) return;
                    int n = stream.Read(buffer, filled, buffer.Length - filled);
                    if (n == 0) return;
                    filled += n;
                }
                long received = Stopwatch.GetTimestamp();
                string head = Encoding.ASCII.GetString(buffer, 0, end);
                Buffer.BlockCopy(buffer, end + 4, buffer, 0, filled - end - 4);
                filled -= end + 4;
                string[] requestLine = head.Split("\r\n")[0].Split(' ');
                bool close = head.Contains("Connection: close", StringComparison.OrdinalIgnoreCase) || requestLine is [_, _, "HTTP/1.0"];
                // One queue, as nanoFramework's HttpListener hands requests to the app.
                lock (_queue)
                {
                    var route = Routes.Match(requestLine.Length > 1 ? requestLine[1] : "");
                    byte[] body = Routes.Body(route);
                    string type = Routes.ContentType(route) is { } t ? $"Content-Type: {t}\r\n" : "";
                    string status = Routes.StatusCode(route) == 200 ? "200 OK" : "404 Not Found";
                    stream.Write(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{type}Content-Length: {body.Length}\r\n{(close ? "Connection: close\r\n" : "")}\r\n"));
                    stream.Write(body);
                    _reporter.RequestServed((long)Stopwatch.GetElapsedTime(received).TotalMicroseconds);
                }
                if (close) return;
            }
        }
        catch (IOException) { }
        finally
        {
            lock (_count) _open--;
        }
    }

    private static int HeadEnd(byte[] buffer, int length)
    {
        for (int i = 0; i + 3 < length; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _acceptor.Join(TimeSpan.FromSeconds(2));
        _ticker.Join(TimeSpan.FromSeconds(2));
        _serial.Dispose();
        _stop.Dispose();
    }
}
