using DeviceBench.Host.Load;
using DeviceBench.IntegrationTests.Bench;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// Under a hard memory cap the C# engines keep serving 256 connections instead of dying. The caps are tight: measured
/// on x64 (cgroup v1, 2026-11-26), the kernel charged csharp-minimal 2.4-2.9 MiB at 256 connections and it was
/// OOM-killed at 2 MiB; csharp-kestrel was charged 12.4 MiB and killed at 11 MiB. Go was killed at 6 MiB (charged 12 MiB).
/// </summary>
[Collection(nameof(SerialBenchRuns))]
public class MemoryCapTests
{
    private const int Connections = 256;

    [MemoryCapFact]
    public void Csharp_minimal_keeps_serving_256_connections_under_a_6_MiB_cap() =>
        AssertServesUnderCap("minimal", Artifacts.Path("x64", "fw-minimal/devicebench-fw"), 6L << 20);

    [MemoryCapFact]
    public void Csharp_kestrel_keeps_serving_256_connections_under_a_16_MiB_cap() =>
        AssertServesUnderCap("kestrel", Artifacts.Path("x64", "fw/devicebench-fw"), 16L << 20);

    private static void AssertServesUnderCap(string engine, string firmware, long capBytes)
    {
        int port = FreePort.Next();
        using var group = new MemoryCapGroup($"memcap-{Environment.ProcessId}-{engine}", capBytes, cpu: 0);
        var command = group.Wrap([firmware, "serve", "--engine", engine, "--port", $"{port}", "--threads", "1", "--address", "127.0.0.1"]);
        LoadResult closed, open;
        using (var server = ServerProcess.Start(command[0], command.Skip(1), port))
        {
            Assert.True(group.Contains(server.Pid), $"csharp-{engine} (pid {server.Pid}) is not in the capped group");
            closed = Load(port, rate: null);
            open = Load(port, rate: 5000);
            Assert.False(server.HasExited, $"csharp-{engine} died under a {capBytes >> 20} MiB cap: {string.Join('\n', server.Errors)}");
            server.Stop(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, group.OomKills);
        foreach (var result in new[] { closed, open })
        {
            Assert.True(result.Requests > 0, "no request was served");
            Assert.Equal(0, result.Errors.Total);
            Assert.Equal(0, result.Unfinished);
        }
        // The kernel charged the server's memory to the capped group (the cap itself the kernel enforces: no need to check it).
        Assert.True(group.PeakBytes > 0, "the capped group was never charged");
    }

    private static LoadResult Load(int port, double? rate) => LoadEngine.Run(new LoadOptions
    {
        Url = new Uri($"http://127.0.0.1:{port}/"),
        Connections = Connections,
        Threads = 1,
        Duration = TimeSpan.FromSeconds(rate is null ? 4 : 2),
        RatePerSecond = rate,
        ExpectedStatus = 200,
    });
}
