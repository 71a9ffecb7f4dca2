using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A run's results folder, written as things are measured: <c>serial.log</c> (every line the board sent, as sent),
/// <c>events.log</c> (what the bench did, one timestamped line each), <c>hlog/</c> (HdrHistogram interval logs) and
/// <c>run.json</c>, replaced atomically (write, then rename) so a crash or Ctrl-C never leaves half a file.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private readonly StreamWriter _serial;
    private readonly StreamWriter _events;
    private readonly Lock _lock = new();

    private RunFolder(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "hlog"));
        _serial = Append("serial.log");
        _events = Append("events.log");
    }

    public string Directory { get; }

    public string RunJsonPath => Path.Combine(Directory, "run.json");

    /// <summary>Creates <c>ROOT/yyyyMMdd-HHmmss-BOARD/</c> (BOARD made file-name safe).</summary>
    public static RunFolder Create(string resultsRoot, string board, DateTimeOffset startedUtc)
    {
        string safe = new([.. board.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        string name = $"{startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{safe}";
        string directory = Path.Combine(resultsRoot, name);
        for (int i = 2; System.IO.Directory.Exists(directory); i++) directory = Path.Combine(resultsRoot, $"{name}-{i}");
        return new RunFolder(directory);
    }

    public static RunRecord Load(string directory) =>
        RunJsonContext.Deserialize(File.ReadAllText(Path.Combine(directory, "run.json")));

    public void Save(RunRecord run)
    {
        string temporary = RunJsonPath + ".tmp";
        lock (_lock)
        {
            File.WriteAllText(temporary, RunJsonContext.Serialize(run), new UTF8Encoding(false));
            File.Move(temporary, RunJsonPath, overwrite: true);
        }
    }

    public void AppendSerial(string line)
    {
        lock (_lock) _serial.WriteLine(line);
    }

    public void AppendEvent(string text)
    {
        lock (_lock) _events.WriteLine($"{DateTimeOffset.UtcNow:O} {text}");
    }

    /// <summary>The path of a phase's .hlog, relative to the run folder (as stored in the record) and absolute.</summary>
    public (string Relative, string Full) HlogPath(string contender, int round, string phase)
    {
        string relative = Path.Combine("hlog", $"{contender}-r{round}-{phase}.hlog");
        return (relative, Path.Combine(Directory, relative));
    }

    private StreamWriter Append(string file) =>
        new(new FileStream(Path.Combine(Directory, file), FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

    public void Dispose()
    {
        _serial.Dispose();
        _events.Dispose();
    }
}
