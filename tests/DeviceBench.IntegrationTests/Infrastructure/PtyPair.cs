using System.Diagnostics;

namespace DeviceBench.IntegrationTests.Infrastructure;

/// <summary>A real pseudo-terminal pair from socat: the board end and the host end of a virtual serial cable.</summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _dir;
    private readonly bool _ownsDirectory;

    /// <param name="directory">Where the two links go; reuse one to make the "same" port come back after a disconnect.</param>
    public PtyPair(string? directory = null)
    {
        _ownsDirectory = directory is null;
        _dir = directory ?? Directory.CreateTempSubdirectory("devicebench-pty").FullName;
        BoardEnd = Path.Combine(_dir, "board");
        HostEnd = Path.Combine(_dir, "host");
        _socat = Process.Start(new ProcessStartInfo("socat",
            [$"pty,raw,echo=0,link={BoardEnd}", $"pty,raw,echo=0,link={HostEnd}"]) { UseShellExecute = false, RedirectStandardError = true })!;
        var started = Stopwatch.GetTimestamp();
        while (!(File.Exists(BoardEnd) && File.Exists(HostEnd)))
        {
            if (_socat.HasExited) throw new InvalidOperationException($"socat failed: {_socat.StandardError.ReadToEnd()}");
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10)) throw new TimeoutException("socat made no pty pair");
            Thread.Sleep(10);
        }
    }

    public string BoardEnd { get; }
    public string HostEnd { get; }

    /// <summary>Writes lines into the board end, as firmware on a UART would.</summary>
    public void WriteFromBoard(params string[] lines)
    {
        using var device = new FileStream(BoardEnd, FileMode.Open, FileAccess.Write);
        device.Write(System.Text.Encoding.ASCII.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
    }

    public void Dispose()
    {
        if (!_socat.HasExited) _socat.Kill();
        _socat.WaitForExit();
        _socat.Dispose();
        if (_ownsDirectory) Directory.Delete(_dir, recursive: true);
    }
}
