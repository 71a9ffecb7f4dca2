using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DeviceBench.IntegrationTests.Infrastructure;

/// <summary>A real server binary started on a loopback port; stdout lines are kept, disposal sends SIGTERM then kills.</summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public int Pid => _process.Id;
    public ConcurrentQueue<string> Output { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();
    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string fileName, IEnumerable<string> args, int port, bool waitForPort = true)
    {
        var info = new ProcessStartInfo(fileName, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var server = new ServerProcess(Process.Start(info)!, port);
        if (waitForPort) server.WaitForPort(TimeSpan.FromSeconds(60));
        return server;
    }

    public void WaitForPort(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"server exited with {_process.ExitCode}: {string.Join('\n', Errors)}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(25); }
        }
        throw new TimeoutException($"nothing listened on port {Port} within {timeout}");
    }

    /// <summary>Waits until a stdout line satisfies <paramref name="match"/>; returns it.</summary>
    public string WaitForOutput(Func<string, bool> match, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            foreach (string line in Output) if (match(line)) return line;
            Thread.Sleep(20);
        }
        throw new TimeoutException($"no matching output within {timeout}; got:\n{string.Join('\n', Output)}\nstderr:\n{string.Join('\n', Errors)}");
    }

    /// <summary>Waits for a process that ends by itself (no signal sent); its output is complete afterwards.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException($"process still running after {timeout}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends a signal (2 = SIGINT, as Ctrl-C; 15 = SIGTERM).</summary>
    public void Signal(int signal) => _ = Kill(_process.Id, signal);

    public int Stop(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            if (!_process.WaitForExit(grace)) _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try { Stop(TimeSpan.FromSeconds(5)); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
