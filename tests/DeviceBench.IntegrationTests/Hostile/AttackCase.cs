using System.Net;
using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.IntegrationTests.Conformance;
using DeviceBench.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>One attack session against a freshly started contender (its own process, so its RSS is its own), and the checks every attack shares.</summary>
public static class AttackCase
{
    /// <summary>The attack classes run one after another: three at once would make each the others' noise, and everyone else's.</summary>
    public const string Collection = "hostile attacks";

    /// <summary>Short runs: the tests judge survival, service and memory, never speed; the script runs the long ones.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    public static async Task<AttackOutcome> RunAsync(string contender, AttackKind kind, int connections)
    {
        // The RSS before is read after the normal client's baseline run: the server has served and is at rest.
        using var server = Contender.Start(contender);
        var outcome = await AttackSession.RunAsync(new AttackSessionOptions
        {
            Attack = new AttackOptions
            {
                Target = new IPEndPoint(IPAddress.Loopback, server.Port),
                Kind = kind,
                Connections = connections,
                ResetsPerSecond = 500,
            },
            Duration = Duration,
            Pid = server.Pid,
            NormalRatePerSecond = 500,
        });
        Assert.False(server.HasExited, $"{contender} exited: {string.Join('\n', server.Errors)}");
        return outcome;
    }

    /// <summary>The server is alive and answering, and the normal client beside the attack was served.</summary>
    public static void AssertSurvivedAndServed(AttackOutcome outcome)
    {
        Assert.True(outcome.ServerSurvived, $"serving after: {outcome.ServingAfter}, alive: {outcome.ProcessAlive}");
        var normal = outcome.UnderAttack;
        Assert.True(normal.Requests > 0, "the normal client got no answer during the attack");
        // A lost request or two on a loaded shared machine is noise; a server that starves the normal client is not.
        Assert.True(normal.Errors.Total <= normal.Requests / 100, $"normal client errors {normal.Errors} in {normal.Requests} requests");
    }

    /// <summary>
    /// Reports every contender's RSS growth; bounds only the minimal engine's, whose fixed per-connection buffers are
    /// the project's own claim. Another engine's growth (Kestrel's reached 21 MB under resets on a loaded machine) is
    /// a measurement for scripts/bench-hostile.sh, not a property of this code.
    /// </summary>
    public static void AssertRssGrowthOfOwnEngine(string contender, AttackOutcome outcome, ITestOutputHelper output)
    {
        Assert.NotNull(outcome.RssBeforeBytes);
        Assert.NotNull(outcome.RssPeakBytes);
        var growth = outcome.RssPeakBytes.Value - outcome.RssBeforeBytes.Value;
        output.WriteLine($"{contender}: RSS before {outcome.RssBeforeBytes:N0} B, peak {outcome.RssPeakBytes:N0} B, growth {growth:N0} B");
        if (contender == "csharp-minimal")
            Assert.True(growth <= OwnEngineGrowthBytes, $"RSS grew {growth:N0} B under attack (before {outcome.RssBeforeBytes:N0} B)");
    }

    /// <summary>Generous: the minimal engine holds 137 B per idle connection; 20 MiB only catches a per-connection leak.</summary>
    private const long OwnEngineGrowthBytes = 20 * 1024 * 1024;
}
