using System.Threading.Channels;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>Everything a board sends on its serial line, kept in order, with waits for a parsed record after a given line.</summary>
public sealed class SerialCapture
{
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();

    public SerialCapture(ChannelReader<string> lines) =>
        Pump = Task.Run(async () =>
        {
            await foreach (string line in lines.ReadAllAsync()) lock (_lock) _lines.Add(line);
        });

    public Task Pump { get; }

    public int Count { get { lock (_lock) return _lines.Count; } }

    public string Text { get { lock (_lock) return string.Join('\n', _lines); } }

    /// <summary>The first record of type <typeparamref name="T"/> at or after line <paramref name="from"/> that matches, with its line index.</summary>
    public async Task<(int Index, T Record)> WaitForAsync<T>(int from, TimeSpan timeout, Func<T, bool>? match = null) where T : class
    {
        var reader = new ReportReader();
        var deadline = DateTime.UtcNow + timeout;
        int next = from;
        while (DateTime.UtcNow < deadline)
        {
            string[] fresh;
            lock (_lock) fresh = _lines.Skip(next).ToArray();
            foreach (string line in fresh)
            {
                if (reader.Read(line) is T record && (match?.Invoke(record) ?? true)) return (next, record);
                next++;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {typeof(T).Name} on the serial line within {timeout}; the line said:\n{Text}");
    }
}
