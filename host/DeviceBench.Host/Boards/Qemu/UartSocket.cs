using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// The guest's PL011 UART as the host sees it: the host listens on a unix socket before QEMU starts and QEMU
/// connects its serial chardev to it, so not a byte of the boot is lost. Lines lose their CR (the kernel console
/// writes CRLF); the channel completes when QEMU closes the line.
/// </summary>
internal sealed class UartSocket : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    public UartSocket(string path)
    {
        Path = path;
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(1);
    }

    public string Path { get; }

    public ChannelReader<string> Lines => _lines.Reader;

    public void Start() => _reader = Task.Run(() => ReadAsync(_stop.Token));

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[4096];
            var line = new StringBuilder();
            int n;
            while ((n = await connection.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] == (byte)'\n') { _lines.Writer.TryWrite(line.ToString()); line.Clear(); }
                    else if (buffer[i] != (byte)'\r' && line.Length < 4096) line.Append((char)buffer[i]);
                }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        finally { _lines.Writer.TryComplete(); }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _reader?.Wait(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
