using System.Globalization;
using System.Text;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A run's results folder, written as things are measured: <c>serial.log</c> (every line the board sent, as sent),
/// <c>events.log</c> (what the bench did, one timestamped line each), <c>hlog/</c> (HdrHistogram interval logs) and
/// <c>run.json</c>, replaced atomically (write, then rename) so a crash or Ctrl-C never leaves half a file.
/// A full disk is a clean stop, not a crash (see RunFolder.DiskFull.cs): the last good run.json is never touched by a
/// write that does not fit, and a reserve kept beside it lets the record that says so still be written.
/// </summary>
public sealed partial class RunFolder : IDisposable
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
        TryGrowReserve(ReserveMarginBytes);
    }

    public string Directory { get; }

    public string RunJsonPath => Path.Combine(Directory, "run.json");

    /// <summary>Creates <c>ROOT/yyyyMMdd-HHmmss-BOARD/</c> (BOARD made file-name safe).</summary>
    public static RunFolder Create(string resultsRoot, string board, DateTimeOffset startedUtc)
    {
        string name = StampedName(startedUtc, board);
        string directory = Path.Combine(resultsRoot, name);
        for (int i = 2; System.IO.Directory.Exists(directory); i++) directory = Path.Combine(resultsRoot, $"{name}-{i}");
        return new RunFolder(directory);
    }

    /// <summary>
    /// Where <c>devicebench monitor</c> logs unless told: <c>ROOT/monitor/yyyyMMdd-HHmmss-DEVICE.log</c>, beside the run
    /// folders and named like them (UTC start; <c>/dev/ttyUSB0</c> gives <c>ttyUSB0</c>).
    /// </summary>
    public static string MonitorLogPath(string resultsRoot, string device, DateTimeOffset startedUtc)
    {
        ArgumentNullException.ThrowIfNull(device);
        string name = device.StartsWith("/dev/", StringComparison.Ordinal) ? device["/dev/".Length..] : Path.GetFileName(device);
        return Path.Combine(resultsRoot, "monitor", StampedName(startedUtc, name) + ".log");
    }

    /// <summary><c>yyyyMMdd-HHmmss-NAME</c> in UTC, NAME made file-name safe: sorted by name is sorted by time.</summary>
    private static string StampedName(DateTimeOffset startedUtc, string name)
    {
        string safe = new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        return $"{startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{safe}";
    }

    /// <summary>Replaces run.json atomically. Once the disk has filled, it still saves when it can, then throws.</summary>
    /// <exception cref="ResultsFolderFullException">The disk is full (the previous run.json is left as it was if this one did not fit).</exception>
    public void Save(RunRecord run)
    {
        if (!TrySave(run) || Problem is not null) throw new ResultsFolderFullException(Problem!);
    }

    /// <summary>The last save of a run: replaces run.json if it fits, false (the previous one kept) if the disk is full.</summary>
    /// <exception cref="IOException">run.json cannot be written for another reason (the folder was removed, say).</exception>
    public bool TrySave(RunRecord run)
    {
        string temporary = RunJsonPath + ".tmp";
        lock (_lock)
        {
            // Serialised under the lock the serial pump files records under (AppendSerial): a snapshot, never a list mid-append.
            string json = RunJsonContext.Serialize(run);
            try
            {
                // Written by hand: File.WriteAllText preallocates, and its "disk was full" error carries no errno to recognise.
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                    stream.Write(new UTF8Encoding(false).GetBytes(json));
                File.Move(temporary, RunJsonPath, overwrite: true);
            }
            catch (IOException e) when (IsDiskFull(e))
            {
                TryDelete(temporary);
                MarkFull(e);
                return false;
            }
            catch (DirectoryNotFoundException e)
            {
                throw new IOException($"results folder {Directory} is gone: removed while the run was writing to it", e);
            }
            if (Problem is null) TryGrowReserve(Encoding.UTF8.GetByteCount(json) + ReserveMarginBytes);
            return true;
        }
    }

    /// <summary>
    /// Appends a board line to serial.log, then runs <paramref name="fileRecord"/> (what puts the line's record into the
    /// run) under the same lock as every save, so changes made off the saving thread never tear a saved run.json.
    /// </summary>
    public void AppendSerial(string line, Action? fileRecord = null)
    {
        lock (_lock)
        {
            AppendLine(_serial, line);
            fileRecord?.Invoke();
        }
    }

    public void AppendEvent(string text)
    {
        lock (_lock) AppendLine(_events, $"{DateTimeOffset.UtcNow:O} {text}");
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
        lock (_lock)
        {
            // Text a full disk refused is still buffered: closing must not throw it at whoever is cleaning up.
            foreach (var writer in new[] { _serial, _events })
            {
                try { writer.Dispose(); }
                catch (IOException) { }
            }
            TryDelete(ReservePath);
        }
        _filled.Dispose();
    }
}
