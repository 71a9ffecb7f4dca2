using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class SecretsTests(SshServer server)
{
    [Fact]
    public async Task Neither_the_key_nor_its_passphrase_nor_a_password_appears_in_the_notes_or_a_saved_bench_run()
    {
        string passphrase = $"phrase-{Guid.NewGuid():N}", password = $"password-{Guid.NewGuid():N}";
        string key = EncryptedClientKey(passphrase);
        var options = server.Options() with { IdentityFile = key, IdentityPassphrase = passphrase, Password = password };
        string results = Directory.CreateTempSubdirectory("devicebench-ssh-results").FullName;
        try
        {
            RunRecord run;
            await using (var board = BoardFactory.Create(server.Spec, new BoardProfile([0], [1], null), options))
            {
                using var folder = RunFolder.Create(results, board.Name, DateTimeOffset.UtcNow);
                var settings = new BenchSettings
                {
                    Contenders = ["go-nethttp"], Rounds = 1, Connections = 2, Settle = TimeSpan.FromMilliseconds(200), Warmup = TimeSpan.FromMilliseconds(200),
                    MaxDuration = TimeSpan.FromSeconds(1), RateDuration = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.Zero, Rates = [50],
                    ReportInterval = TimeSpan.FromMilliseconds(200),
                };
                run = await new BenchRunner(board, settings, folder).RunAsync(Path.Combine(Artifacts.RepositoryRoot, "artifacts"), CancellationToken.None);
                Assert.True(run.Status == RunStatus.Complete, $"{run.Status}: {run.Reason}");
                Assert.All(board.Notes, n => AssertNoSecret(n, key, passphrase, password));
            }
            Assert.StartsWith("ssh://", run.Board, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.EnumerateFiles(results, "*", SearchOption.AllDirectories));
            foreach (string file in Directory.EnumerateFiles(results, "*", SearchOption.AllDirectories))
                AssertNoSecret(await File.ReadAllTextAsync(file), key, passphrase, password);
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_passphrase_is_reported_by_file_name_without_repeating_it()
    {
        string key = EncryptedClientKey($"right-{Guid.NewGuid():N}");
        var options = server.Options(server.NewRemoteRoot()) with { IdentityFile = key, IdentityPassphrase = "wrong-passphrase-x" };

        var failed = await Assert.ThrowsAsync<IOException>(() => SshBoard.ConnectAsync(server.Spec, new BoardProfile([0], [1], null), options));

        Assert.Contains(key, failed.Message, StringComparison.Ordinal);
        AssertNoSecret(failed.ToString(), key, "wrong-passphrase-x", "wrong-passphrase-x");
    }

    /// <summary>An ed25519 key protected by <paramref name="passphrase"/>, authorized on the server.</summary>
    private string EncryptedClientKey(string passphrase)
    {
        string key = Path.Combine(server.Folder, $"secret-{Guid.NewGuid():N}");
        SshServer.Keygen("-t", "ed25519", "-N", passphrase, "-C", "secret", "-f", key);
        File.AppendAllText(Path.Combine(server.Folder, "authorized_keys"), File.ReadAllText(key + ".pub"));
        return key;
    }

    /// <summary>No secret, and no line of the private key's body (its base64), appears in <paramref name="text"/>.</summary>
    private static void AssertNoSecret(string text, string keyFile, string passphrase, string password)
    {
        Assert.DoesNotContain(passphrase, text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        foreach (string line in File.ReadAllLines(keyFile).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length > 16))
            Assert.DoesNotContain(line, text, StringComparison.Ordinal);
    }
}
