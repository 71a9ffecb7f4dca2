using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// QEMU's machine protocol (QMP) on a unix socket: one JSON object a line, asynchronous events interleaved with
/// replies. Used to forward ports at run time (<c>hostfwd_add</c>), reset the machine and quit.
/// </summary>
internal sealed class QmpClient : IDisposable
{
    private readonly Socket _socket;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private QmpClient(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(stream, Encoding.UTF8);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public static async Task<QmpClient> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            var client = new QmpClient(socket);
            _ = await client._reader.ReadLineAsync(cancellationToken).ConfigureAwait(false); // the greeting
            await client.ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A human monitor command (e.g. <c>hostfwd_add</c>, which has no QMP form); returns what it printed.</summary>
    public async Task<string> HumanAsync(string commandLine, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync("human-monitor-command", commandLine, cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String ? result.GetString() ?? "" : "";
    }

    public async Task<JsonElement> ExecuteAsync(string command, string? humanCommandLine, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.WriteLineAsync(Request(command, humanCommandLine).AsMemory(), cancellationToken).ConfigureAwait(false);
            while (await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                using var reply = JsonDocument.Parse(line);
                if (reply.RootElement.TryGetProperty("return", out var value)) return value.Clone();
                if (reply.RootElement.TryGetProperty("error", out var error)) throw new IOException($"QEMU {command}: {error}");
            }
            throw new IOException($"QEMU closed its control socket during {command}");
        }
        finally { _gate.Release(); }
    }

    private static string Request(string command, string? humanCommandLine)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("execute", command);
            if (humanCommandLine is not null)
            {
                json.WriteStartObject("arguments");
                json.WriteString("command-line", humanCommandLine);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Dispose()
    {
        _reader.Dispose();
        _writer.Dispose();
        _socket.Dispose();
        _gate.Dispose();
    }
}
