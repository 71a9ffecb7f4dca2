using System.Text;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Serial;

/// <summary>
/// <c>devicebench monitor</c>'s engine: every line from the board goes to the log file exactly as received, records
/// go to the caller, and noise, corrupt lines and reconnects are counted.
/// </summary>
public sealed class MonitorSession(ReconnectingSerialPort lines, TextWriter log)
{
    public ReportReader Reader { get; } = new();

    public int Reconnects => lines.Reconnects;

    public static TextWriter OpenLog(string path) =>
        new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

    public async Task RunAsync(Action<IReportRecord> onRecord, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        try
        {
            await foreach (string line in lines.ReadLinesAsync(cancellationToken).ConfigureAwait(false))
            {
                await log.WriteLineAsync(line).ConfigureAwait(false);
                if (Reader.Read(line) is { } record) onRecord(record);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }
}
