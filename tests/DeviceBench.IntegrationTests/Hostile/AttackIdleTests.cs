using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.IntegrationTests.Conformance;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>2,000 idle keep-alive connections (scripts/hostile/attacks.sh holds 10,000): all held, the server serving.</summary>
[Collection(AttackCase.Collection)]
public class AttackIdleTests
{
    private const int Connections = 2000;

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public async Task Idle_connections_are_all_held_and_the_server_keeps_serving(string contender)
    {
        var outcome = await AttackCase.RunAsync(contender, AttackKind.Idle, Connections);

        Assert.Equal((Connections, 0L), (outcome.Attack.Held, outcome.Attack.ConnectFailures));
        AttackCase.AssertSurvivedAndServed(outcome);
        Assert.NotNull(outcome.BytesPerIdleConnection);
    }

    [Fact]
    public async Task An_idle_connection_costs_the_minimal_engine_at_most_4_KB()
    {
        var outcome = await AttackCase.RunAsync("csharp-minimal", AttackKind.Idle, Connections);

        Assert.Equal(Connections, outcome.Attack.Held);
        Assert.True(outcome.BytesPerIdleConnection <= 4096, $"{outcome.BytesPerIdleConnection} B per idle connection");
    }
}
