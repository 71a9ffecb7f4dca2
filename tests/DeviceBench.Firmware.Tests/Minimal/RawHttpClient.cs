using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>A loopback client that speaks raw bytes, so tests control exactly what reaches the server and when.</summary>
internal sealed class RawHttpClient : IDisposable
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public RawHttpClient(int port)
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000 };
        Socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
    }

    public Socket Socket { get; }

    public void Send(string request) => Send(Encoding.Latin1.GetBytes(request));

    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty) bytes = bytes[Socket.Send(bytes)..];
    }

    /// <summary>Reads one response: status line, fields, and a body of Content-Length bytes.</summary>
    public HttpResponse ReadResponse(bool head = false)
    {
        string headText = Encoding.Latin1.GetString(ReadUntil("\r\n\r\n"u8));
        var lines = headText.Split("\r\n");
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            fields[line[..colon]] = line[(colon + 1)..].Trim();
        }
        int length = head ? 0 : int.Parse(fields.GetValueOrDefault("Content-Length", "0"), System.Globalization.CultureInfo.InvariantCulture);
        byte[] body = ReadExactly(length);
        return new HttpResponse(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), fields,
            Encoding.Latin1.GetString(body), headText + Encoding.Latin1.GetString(body));
    }

    /// <summary>Everything until the server closes (a receive of 0); throws on a timeout.</summary>
    public string ReadToEnd()
    {
        var all = new MemoryStream();
        all.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        while (true)
        {
            int n = Socket.Receive(_buffer);
            if (n == 0) return Encoding.Latin1.GetString(all.ToArray());
            all.Write(_buffer, 0, n);
        }
    }

    /// <summary>True when the server has closed its side with nothing more to read.</summary>
    public bool IsClosedByServer() => _end == _start && Socket.Receive(_buffer) == 0;

    private byte[] ReadUntil(ReadOnlySpan<byte> terminator)
    {
        while (true)
        {
            int at = _buffer.AsSpan(_start, _end - _start).IndexOf(terminator);
            if (at >= 0) return Take(at + terminator.Length);
            Fill();
        }
    }

    private byte[] ReadExactly(int length)
    {
        while (_end - _start < length) Fill();
        return Take(length);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int n = Socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (n == 0) throw new IOException("the server closed the connection");
        _end += n;
    }

    private byte[] Take(int length)
    {
        byte[] bytes = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return bytes;
    }

    public void Dispose() => Socket.Dispose();
}
