using System.Text;
using System.Threading.Channels;
using Renci.SshNet;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// A long-running script in its own SSH exec channel whose stdout arrives line by line as it is written;
/// <see cref="Lines"/> completes when the script ends or the connection drops.
/// </summary>
internal sealed class RemoteLineStream : IDisposable
{
    private readonly SshCommand _command;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task _execution;
    private readonly Thread _reader;

    private RemoteLineStream(SshClient client, string script, string name)
    {
        _command = client.CreateCommand(RemoteShell.Command(script));
        _execution = _command.ExecuteAsync(CancellationToken.None);
        // A dropped connection faults the execution; the reader sees it as the end of the lines, so nothing else must.
        _ = _execution.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = name };
        _reader.Start();
    }

    public static RemoteLineStream Start(SshClient client, string script, string name) => new(client, script, name);

    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>Ends when the remote script has ended (or the connection is gone).</summary>
    public Task Execution => _execution;

    /// <summary>What the script wrote to stderr, once it has ended (waits a little for that).</summary>
    public async Task<string> ErrorTextAsync()
    {
        try
        {
            await _execution.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            return _command.Error.Trim();
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException or Renci.SshNet.Common.SshException)
        {
            return "(no error output)";
        }
    }

    private void ReadLoop()
    {
        try
        {
            // Latin-1 maps every byte to one char: a garbled line stays one line and fails its CRC, never throws.
            using var reader = new StreamReader(_command.OutputStream, Encoding.Latin1, false, 4096, leaveOpen: true);
            while (reader.ReadLine() is { } line) _lines.Writer.TryWrite(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        if (!_execution.IsCompleted)
        {
            try { _command.CancelAsync(forceKill: true, millisecondsTimeout: 500); }
            catch (InvalidOperationException) { }
        }
        _reader.Join(TimeSpan.FromSeconds(2));
        _command.Dispose();
    }
}
