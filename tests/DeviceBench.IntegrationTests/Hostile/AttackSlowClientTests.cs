using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.IntegrationTests.Conformance;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>Slowloris against every contender: a few hundred clients trickling headers a byte every 200 ms.</summary>
[Collection(AttackCase.Collection)]
public class AttackSlowClientTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public async Task Slow_clients_leave_the_normal_client_served_and_memory_bounded(string contender)
    {
        var outcome = await AttackCase.RunAsync(contender, AttackKind.Slow, 300);

        Assert.True(outcome.Attack.Opened >= 300, $"{outcome.Attack}");
        AttackCase.AssertSurvivedAndServed(outcome);
        AttackCase.AssertRssGrowthOfOwnEngine(contender, outcome, output);
    }
}
