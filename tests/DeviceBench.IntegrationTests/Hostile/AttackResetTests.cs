using DeviceBench.Host.Hostile;
using DeviceBench.IntegrationTests.Conformance;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>Connections aborted with RST halfway through a request and before reading pipelined answers.</summary>
[Collection(AttackCase.Collection)]
public class AttackResetTests
{
    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public async Task Resets_mid_request_and_mid_response_leave_the_server_serving(string contender)
    {
        var outcome = await AttackCase.RunAsync(contender, AttackKind.Reset, 16);

        Assert.True(outcome.Attack.ResetsMidRequest > 100 && outcome.Attack.ResetsMidResponse > 100, $"{outcome.Attack}");
        AttackCase.AssertSurvivedAndServed(outcome);
        AttackCase.AssertRssGrewAtMost(outcome, 20 * 1024 * 1024);
    }
}
