namespace DeviceBench.Host.Bench;

public sealed partial class RunFolder
{
    // ENOSPC and EDQUOT: .NET puts the errno in HResult of the IOException it raises on Unix.
    private const int NoSpace = 28, QuotaExceeded = 122;

    // Room for the last record over the one saved before it: a reason, a finish time, the serial counts, an hlog interval.
    private const int ReserveMarginBytes = 64 * 1024;

    private static readonly byte[] Zeros = new byte[16 * 1024];
    private long _reserveBytes;

    private string ReservePath => Path.Combine(Directory, ".reserve");

    /// <summary>Why the folder stopped taking writes (<c>results folder … is full: No space left on device</c>); null while it takes them.</summary>
    public string? Problem { get; private set; }

    /// <summary>Lines for serial.log and events.log dropped because the disk was full.</summary>
    public long DroppedLogLines { get; private set; }

    /// <summary>Cancelled when the disk fills, so whatever is measuring stops instead of writing into nothing.</summary>
    public CancellationToken Filled => _filled.Token;

    private readonly CancellationTokenSource _filled = new();

    public static bool IsDiskFull(Exception e) => e is ResultsFolderFullException or IOException { HResult: NoSpace or QuotaExceeded };

    private void AppendLine(StreamWriter writer, string line)
    {
        if (Problem is not null)
        {
            DroppedLogLines++;
            return;
        }
        try { writer.WriteLine(line); }
        catch (IOException e) when (IsDiskFull(e))
        {
            DroppedLogLines++;
            MarkFull(e);
        }
    }

    /// <summary>
    /// Notes a write into this folder that failed for lack of space (also one made elsewhere, such as an .hlog), and gives
    /// the reserve back to the disk so the record that says so has room. Returns <see cref="Problem"/>.
    /// </summary>
    public string MarkFull(IOException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_lock)
        {
            if (Problem is not null) return Problem;
            Problem = $"results folder {Directory} is full: {(e.HResult == QuotaExceeded ? "Disk quota exceeded" : "No space left on device")}";
            TryDelete(ReservePath);
            _reserveBytes = 0;
        }
        // Flagged now, callbacks on the thread pool: whoever stops on it must not run inline under this folder's lock.
        _ = _filled.CancelAsync();
        return Problem;
    }

    /// <summary>Keeps the reserve file at least <paramref name="bytes"/> long, written out (not sparse, which would hold nothing back).</summary>
    private void TryGrowReserve(long bytes)
    {
        if (bytes <= _reserveBytes) return;
        try
        {
            using var reserve = new FileStream(ReservePath, FileMode.Append, FileAccess.Write, FileShare.None);
            for (long left = bytes - reserve.Length; left > 0; left -= Zeros.Length) reserve.Write(Zeros, 0, (int)Math.Min(left, Zeros.Length));
            reserve.Flush(flushToDisk: true);
            _reserveBytes = reserve.Length;
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            // The disk cannot hold the reserve any longer: it is full now, while the last record still fits.
            MarkFull(e);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }
}
