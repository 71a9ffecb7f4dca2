using System.Net;
using DeviceBench.Host.Hostile.Attacks;

namespace DeviceBench.Host.Tests.Hostile;

public sealed class AttackDriverTests
{
    private static AttackOptions Options(IPEndPoint target, AttackKind kind, int connections) =>
        new() { Target = target, Kind = kind, Connections = connections, ByteInterval = TimeSpan.FromMilliseconds(2), ResetsPerSecond = 400 };

    [Fact]
    public async Task Idle_attack_holds_every_connection_and_counts_those_the_server_closed()
    {
        await using var server = new AttackTestServer(AttackServerMode.AnswerThenCloseEverySecond);
        await using var attack = AttackDriver.Create(Options(server.Target, AttackKind.Idle, 40));

        await attack.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        var result = await attack.StopAsync();

        Assert.Equal((40, 0, 20, 20), (result.Opened, result.ConnectFailures, result.ClosedByServer, result.Held));
        Assert.Equal(40, server.Accepted);
    }

    [Fact]
    public async Task Idle_attack_counts_connections_answered_with_an_error_as_failures()
    {
        await using var server = new AttackTestServer(AttackServerMode.Unavailable);
        await using var attack = AttackDriver.Create(Options(server.Target, AttackKind.Idle, 10));

        await attack.StartAsync(CancellationToken.None);
        var result = await attack.StopAsync();

        Assert.Equal((0, 10, 0), (result.Opened, result.ConnectFailures, result.Held));
    }

    [Fact]
    public async Task Slow_clients_send_their_requests_a_byte_at_a_time_and_start_again_when_answered()
    {
        await using var server = new AttackTestServer(AttackServerMode.Answer);
        await using var attack = AttackDriver.Create(Options(server.Target, AttackKind.Slow, 3));

        await attack.StartAsync(CancellationToken.None);
        await Task.Delay(1500);
        var result = await attack.StopAsync();

        Assert.Equal((3, 0), (result.Opened, result.ClosedByServer));
        Assert.True(result.Completed >= 3, $"completed {result.Completed}");
        // One byte per send, sent 2 ms apart: the server's receives find one byte, or a few when the machine is slow.
        Assert.True(server.Bytes < 2 * server.Receives, $"{server.Bytes} bytes in {server.Receives} receives");
    }

    [Fact]
    public async Task Slow_clients_cut_off_by_the_server_are_counted_and_reconnect()
    {
        await using var server = new AttackTestServer(AttackServerMode.CutOffAfterTenBytes);
        await using var attack = AttackDriver.Create(Options(server.Target, AttackKind.Slow, 2));

        await attack.StartAsync(CancellationToken.None);
        await Task.Delay(1000);
        var result = await attack.StopAsync();

        Assert.Equal(0, result.Completed);
        Assert.True(result.ClosedByServer >= 4, $"cut off {result.ClosedByServer}");
        Assert.True(result.Opened > 2, $"opened {result.Opened}");
    }

    [Fact]
    public async Task Resets_abort_connections_with_rst_mid_request_and_mid_response()
    {
        await using var server = new AttackTestServer(AttackServerMode.Answer);
        await using var attack = AttackDriver.Create(Options(server.Target, AttackKind.Reset, 4));

        await attack.StartAsync(CancellationToken.None);
        await Task.Delay(1000);
        var result = await attack.StopAsync();
        await Task.Delay(200);

        Assert.True(result.ResetsMidRequest > 10 && result.ResetsMidResponse > 10, $"{result}");
        Assert.Equal(0, server.CleanCloses);
        Assert.True(server.Resets > 20, $"server saw {server.Resets} resets");
    }
}
