using System.Security.Cryptography;
using DeviceBench.Host.Bench;
using DeviceBench.Host.Boards;
using DeviceBench.Host.Boards.Ssh;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Ssh;

[Collection(SshCollection.Name)]
public class DeployTests(SshServer server)
{
    private static readonly BoardProfile Profile = new([0], [1], null);
    private static readonly string ArtifactsRoot = Path.Combine(Artifacts.RepositoryRoot, "artifacts");

    [Fact]
    public async Task Deploy_copies_every_artifact_intact_and_executable_and_a_second_deploy_copies_nothing()
    {
        string root = server.NewRemoteRoot();
        DeployReport first;
        await using (var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options(root)))
        {
            await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
            first = board.LastDeploy!;
        }
        var expected = ExpectedFiles(Path.Combine(ArtifactsRoot, "x64"));
        Assert.Equal(expected.Order(), first.Uploaded.Order());
        Assert.Empty(first.Skipped);
        foreach (string file in expected)
        {
            string remote = Path.Combine(first.RemoteDirectory, file);
            Assert.Equal(Sha256(Path.Combine(ArtifactsRoot, "x64", file)), Sha256(remote));
            Assert.True(File.GetUnixFileMode(remote).HasFlag(UnixFileMode.UserExecute), $"{file} is not executable");
        }
        var written = expected.ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(first.RemoteDirectory, f)));

        await using (var again = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options(root)))
        {
            await again.DeployAsync(ArtifactsRoot, CancellationToken.None);
            Assert.Equal(first.RemoteDirectory, again.LastDeploy!.RemoteDirectory);
            Assert.Empty(again.LastDeploy.Uploaded);
            Assert.Equal(expected.Order(), again.LastDeploy.Skipped.Order());
        }
        Assert.All(expected, f => Assert.Equal(written[f], File.GetLastWriteTimeUtc(Path.Combine(first.RemoteDirectory, f))));
        Assert.Empty(Directory.EnumerateFiles(root, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_damaged_file_on_the_board_is_copied_again_and_a_leftover_temporary_is_removed()
    {
        await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options());
        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);
        string directory = board.LastDeploy!.RemoteDirectory, firmware = Path.Combine(directory, "fw", "devicebench-fw");
        var bytes = await File.ReadAllBytesAsync(firmware);
        await File.WriteAllBytesAsync(firmware, bytes[..(bytes.Length / 2)]);
        await File.WriteAllTextAsync(Path.Combine(directory, "go-nethttp.tmp-0badc0de"), "half a binary");

        await board.DeployAsync(ArtifactsRoot, CancellationToken.None);

        Assert.Equal(["fw/devicebench-fw"], board.LastDeploy!.Uploaded);
        Assert.Equal(Sha256(Path.Combine(ArtifactsRoot, "x64", "fw", "devicebench-fw")), Sha256(firmware));
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_interrupted_upload_never_leaves_a_file_under_its_final_name_and_nothing_can_start_until_a_deploy_completes()
    {
        string artifacts = ArtifactsWithBigFile(), root = server.NewRemoteRoot();
        try
        {
            await using var board = await SshBoard.ConnectAsync(server.Spec, Profile, server.Options(root));
            using var cancel = new CancellationTokenSource();
            // "big" sorts first, so it is the file in flight: cancel the moment its temporary appears on the board.
            var interrupt = Task.Run(() =>
            {
                bool inFlight = BoardProcesses.Eventually(() => Directory.Exists(root) && Directory.EnumerateFiles(root, "big.tmp-*", SearchOption.AllDirectories).Any(),
                    TimeSpan.FromSeconds(30), pollMillis: 2);
                cancel.Cancel();
                return inFlight;
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => board.DeployAsync(artifacts, cancel.Token));
            Assert.True(await interrupt, "the copy was never seen in flight");

            Assert.Empty(Directory.EnumerateFiles(root, "big", SearchOption.AllDirectories));
            Assert.Empty(Directory.EnumerateFiles(root, "big.tmp-*", SearchOption.AllDirectories));
            var launch = ContenderCatalog.Launch("go-nethttp", FreePort.Next(), 1, TimeSpan.FromSeconds(1));
            await Assert.ThrowsAsync<InvalidOperationException>(() => board.StartAsync(launch, CancellationToken.None));

            await board.DeployAsync(artifacts, CancellationToken.None);
            Assert.Equal(Sha256(Path.Combine(artifacts, "x64", "big")), Sha256(Path.Combine(board.LastDeploy!.RemoteDirectory, "big")));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    /// <summary>The manifest's files, plus the firmware, which every contender needs.</summary>
    private static List<string> ExpectedFiles(string architectureDirectory)
    {
        var rows = File.ReadAllLines(Path.Combine(architectureDirectory, "manifest.tsv")).Select(l => l.Split('\t')).ToList();
        int file = Array.IndexOf(rows[0], "file");
        return [.. rows.Skip(1).Select(r => r[file]).Append("fw/devicebench-fw").Distinct()];
    }

    /// <summary>A copy of artifacts/x64 with an 8 MB file in its manifest: big enough to be caught mid-copy.</summary>
    private static string ArtifactsWithBigFile()
    {
        string root = Directory.CreateTempSubdirectory("devicebench-artifacts").FullName, x64 = Path.Combine(root, "x64"), source = Path.Combine(ArtifactsRoot, "x64");
        foreach (string file in ExpectedFiles(source).Append("manifest.tsv"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(x64, file))!);
            File.Copy(Path.Combine(source, file), Path.Combine(x64, file));
        }
        var big = new byte[8 << 20];
        Random.Shared.NextBytes(big);
        File.WriteAllBytes(Path.Combine(x64, "big"), big);
        File.AppendAllText(Path.Combine(x64, "manifest.tsv"), $"big\tx64\ttest\t{big.Length}\t{Convert.ToHexStringLower(SHA256.HashData(big))}\tbig\n");
        return root;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
