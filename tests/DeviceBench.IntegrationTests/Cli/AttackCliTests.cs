using DeviceBench.IntegrationTests.Conformance;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Cli;

/// <summary><c>devicebench attack</c> and <c>hostile</c> refuse what cannot work before they start, in one line.</summary>
[Collection(CliCollection.Name)]
public sealed class AttackCliTests
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Attack_on_a_closed_port_is_one_line_and_exit_1_at_once()
    {
        var port = FreePort.Next();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var attack = DevicebenchRun.Start(["attack", "--target", $"127.0.0.1:{port}", "--kind", "slow", "-d", "10s"]);

        Assert.Equal(1, attack.WaitForExit(Exit));
        Assert.Equal([$"devicebench attack: cannot connect to 127.0.0.1:{port}: connection refused"], attack.Errors);
        Assert.Empty(attack.Output);
        // Not the 2 × 10 s of a baseline and an attack on nothing.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public void Attack_with_a_pid_that_names_no_process_is_one_line_and_exit_2()
    {
        using var server = Contender.Start("go-nethttp");
        var pid = 4_000_000;
        while (Directory.Exists($"/proc/{pid}")) pid++;
        using var attack = DevicebenchRun.Start(["attack", "--target", $"127.0.0.1:{server.Port}", "--kind", "idle", "-c", "10", "-d", "1s", "--pid", $"{pid}"]);

        Assert.Equal(2, attack.WaitForExit(Exit));
        Assert.Equal([$"devicebench attack: no process {pid}"], attack.Errors);
        Assert.Empty(attack.Output);
    }

    [Theory]
    [InlineData("--kind", "foo", "--kind must be slow, idle or reset (got 'foo')")]
    [InlineData("--rate", "99999999999999999999", "--rate must be a number from 0.01 to 10,000,000 (got '99999999999999999999')")]
    [InlineData("-d", "1e300", "-d must be a duration above 0s, up to 24h, such as 30s, 500ms or 2m (got '1e300')")]
    public void Attack_bad_values_are_one_line_in_the_users_words_and_exit_2(string option, string value, string expected)
    {
        string[] args = ["attack", "--target", "127.0.0.1:1", "--kind", "idle"];
        var i = Array.IndexOf(args, option);
        using var attack = DevicebenchRun.Start(i >= 0 ? [.. args[..(i + 1)], value, .. args[(i + 2)..]] : [.. args, option, value]);

        Assert.Equal(2, attack.WaitForExit(Exit));
        Assert.Equal([$"devicebench attack: {expected}"], attack.Errors);
    }

    [Fact]
    public void Hostile_on_a_closed_port_is_one_line_and_exit_1_not_a_crash_per_case()
    {
        var port = FreePort.Next();
        var json = Path.Combine(Path.GetTempPath(), $"devicebench-hostile-{Guid.NewGuid():N}.json");
        using var hostile = DevicebenchRun.Start(["hostile", "--target", $"127.0.0.1:{port}", "--json", json]);

        Assert.Equal(1, hostile.WaitForExit(Exit));
        Assert.Equal([$"devicebench hostile: cannot connect to 127.0.0.1:{port}: connection refused"], hostile.Errors);
        Assert.Empty(hostile.Output);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Hostile_checks_its_json_path_before_sending_a_case()
    {
        using var server = Contender.Start("go-nethttp");
        using var hostile = DevicebenchRun.Start(["hostile", "--target", $"127.0.0.1:{server.Port}", "--json", "/nonexistent/hostile.json"]);

        Assert.Equal(2, hostile.WaitForExit(Exit));
        Assert.Equal(["devicebench hostile: --json /nonexistent/hostile.json: no such directory /nonexistent"], hostile.Errors);
        Assert.Empty(hostile.Output);
    }
}
