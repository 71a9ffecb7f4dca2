using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.IntegrationTests.Conformance;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>Connections aborted with RST halfway through a request and before reading pipelined answers.</summary>
[Collection(AttackCase.Collection)]
public class AttackResetTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public async Task Resets_mid_request_and_mid_response_leave_the_server_serving(string contender)
    {
        var outcome = await AttackCase.RunAsync(contender, AttackKind.Reset, 16);

        // Both kinds of reset happened; how many per second the machine allowed is not the server's doing.
        Assert.True(outcome.Attack.ResetsMidRequest > 0 && outcome.Attack.ResetsMidResponse > 0, $"{outcome.Attack}");
        AttackCase.AssertSurvivedAndServed(outcome);
        AttackCase.AssertRssGrowthOfOwnEngine(contender, outcome, output);
    }
}
