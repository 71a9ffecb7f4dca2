using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class HostKeyTests(SshServer server)
{
    private static readonly BoardProfile Profile = new([0], [1], null);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Board_connects_when_known_hosts_lists_the_host_key_plain_or_hashed(bool hashed)
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options(server.NewRemoteRoot(), hashed));

        Assert.Equal("x64", board.Architecture);
        Assert.Equal($"ssh://{Environment.UserName}@127.0.0.1:{server.Port}", board.Name);
        Assert.Contains(board.Notes, n => n.Contains($"ssh-ed25519 {server.HostFingerprint}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Board_connects_when_the_pinned_fingerprint_matches_without_reading_known_hosts()
    {
        var options = server.Options(server.NewRemoteRoot()) with { HostKeyFingerprint = server.HostFingerprint, KnownHostsFile = "/nonexistent/known_hosts" };

        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, options);

        Assert.Contains(board.Notes, n => n.Contains($"{server.HostFingerprint} (pinned)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Board_refuses_a_host_whose_key_differs_from_known_hosts_before_logging_in(bool hashed)
    {
        int seen = server.LogLines().Count;
        var options = server.Options(server.NewRemoteRoot(), hashed, publicKeyFile: server.OtherKey + ".pub");

        var refused = await Assert.ThrowsAsync<HostKeyRejectedException>(() => SshBoard.ConnectAsync(server.Spec, Profile, options));

        Assert.Contains("HOST KEY MISMATCH", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"received ssh-ed25519 {server.HostFingerprint}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"--host-key {server.HostFingerprint}", refused.Message, StringComparison.Ordinal);
        AssertEndedBeforeLogin(seen);
    }

    [Fact]
    public async Task Board_refuses_a_pinned_fingerprint_that_does_not_match()
    {
        string other = SshServer.Keygen("-l", "-E", "sha256", "-f", server.OtherKey + ".pub").Split(' ')[1];
        var options = server.Options(server.NewRemoteRoot()) with { HostKeyFingerprint = other };

        var refused = await Assert.ThrowsAsync<HostKeyRejectedException>(() => SshBoard.ConnectAsync(server.Spec, Profile, options));

        Assert.Contains("does not match the pinned fingerprint", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"received ssh-ed25519 {server.HostFingerprint}, pinned {other}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_refuses_a_host_that_known_hosts_does_not_list()
    {
        var options = server.Options(server.NewRemoteRoot()) with { KnownHostsFile = Path.Combine(server.Folder, "empty_known_hosts") };

        var refused = await Assert.ThrowsAsync<HostKeyRejectedException>(() => SshBoard.ConnectAsync(server.Spec, Profile, options));

        Assert.Contains("is not known", refused.Message, StringComparison.Ordinal);
        Assert.Contains(server.HostFingerprint, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_board_spec_is_refused_without_being_repeated()
    {
        var refused = Assert.Throws<ArgumentException>(() => BoardFactory.Create($"ssh://root:hunter2secret@127.0.0.1:{server.Port}", Profile));

        Assert.DoesNotContain("hunter2secret", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>sshd logs the refused connection as closed before authentication ([preauth]), and never logs a login from its port.</summary>
    private void AssertEndedBeforeLogin(int seen)
    {
        string? closed = null;
        Assert.True(BoardProcesses.Eventually(() => (closed = server.LogLines().Skip(seen).FirstOrDefault(l => l.Contains("[preauth]", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(5)), $"sshd logged no pre-authentication close:\n{string.Join('\n', server.LogLines().Skip(seen))}");
        string port = closed!.Split(" port ")[1].Split(' ')[0];
        Assert.DoesNotContain(server.LogLines(), l => l.StartsWith("Accepted", StringComparison.Ordinal) && l.Contains($" port {port} ", StringComparison.Ordinal));
    }
}
