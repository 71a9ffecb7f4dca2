using DeviceBench.Host.Bench;
using DeviceBench.IntegrationTests.Infrastructure;
using DeviceBench.Protocol;

namespace DeviceBench.IntegrationTests.Qemu;

public partial class QemuBoardTests
{
    /// <summary>The guest's launcher runs the command line through <c>sh -c "exec …"</c>: busybox's <c>env</c> then sets the profile and execs the contender.</summary>
    [Theory]
    [InlineData("csharp-kestrel")]
    [InlineData("go-nethttp")]
    public async Task Constrained_profile_settings_reach_the_contender_inside_the_guest(string name)
    {
        var profile = MemoryProfile.Create(MemoryProfile.ConstrainedName, null, [name]);
        int port = FreePort.Next(), from = fixture.Serial.Count;
        await using var contender = await fixture.Board.StartAsync(
            ContenderCatalog.Launch(name, port, fixture.Board.Profile.Workers, TimeSpan.FromSeconds(1), profile.Environment(name)), default);
        var (_, ready) = await fixture.Serial.WaitForAsync<ReadyRecord>(from, RecordTimeout);

        string environ = await fixture.Board.RunInGuestAsync($"tr '\\0' '\\n' < /proc/{ready.Pid}/environ", default);
        output.WriteLine($"{name} (pid {ready.Pid}): {environ.Replace('\n', ' ')}");

        var variables = environ.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(profile.Environment(name));
        Assert.All(profile.Environment(name), setting => Assert.Contains(setting, variables));
        await contender.StopAsync(TimeSpan.FromSeconds(10));
    }
}
