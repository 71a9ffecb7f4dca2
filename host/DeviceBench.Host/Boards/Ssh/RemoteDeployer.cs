using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// Copies an artifact set into <c>ROOT/&lt;set id&gt;/</c> so that a half-copied file can never be started: each file
/// goes to <c>NAME.tmp-RANDOM</c>, the board checks its size and SHA-256, makes it executable, flushes it, and only
/// then renames it into place (rename is atomic). Files already there with the right hash are kept. Round trips are
/// few (one listing, one SFTP session, one install script) because each costs a process start on a small board.
/// </summary>
internal static class RemoteDeployer
{
    public static async Task<DeployReport> DeployAsync(RemoteShell shell, Func<CancellationToken, Task<SftpClient>> connectSftp, string remoteRoot, IReadOnlyList<ArtifactFile> files,
        CancellationToken cancellationToken)
    {
        string directory = $"{remoteRoot}/{ArtifactFile.SetId(files)}";
        var present = await ListIntactAsync(shell, directory, files, cancellationToken).ConfigureAwait(false);
        var missing = files.Where(f => !present.Contains(f.RelativePath)).ToList();
        if (missing.Count > 0)
        {
            var temporaries = missing.Select(f => $"{directory}/{f.RelativePath}.tmp-{RandomNumberGenerator.GetHexString(8, lowercase: true)}").ToList();
            try
            {
                using (var sftp = await connectSftp(cancellationToken).ConfigureAwait(false))
                    for (int i = 0; i < missing.Count; i++) await UploadAsync(sftp, missing[i], temporaries[i], cancellationToken).ConfigureAwait(false);
                await shell.RunCheckedAsync(InstallScript(directory, missing, temporaries), "installing the artifacts", cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await RemoveQuietlyAsync(shell, temporaries).ConfigureAwait(false);
                throw;
            }
        }
        return new DeployReport(directory, [.. missing.Select(f => f.RelativePath)], [.. files.Where(f => present.Contains(f.RelativePath)).Select(f => f.RelativePath)]);
    }

    /// <summary>Makes the folders, drops temporaries an interrupted deploy left behind, and lists the files whose hash already matches.</summary>
    private static async Task<HashSet<string>> ListIntactAsync(RemoteShell shell, string directory, IReadOnlyList<ArtifactFile> files, CancellationToken cancellationToken)
    {
        var folders = files.Select(f => $"{directory}/{f.RelativePath}").Select(p => p[..p.LastIndexOf('/')]).Distinct(StringComparer.Ordinal);
        string script = $"mkdir -p {RemoteShell.Quote(folders)} && cd {RemoteShell.Quote(directory)} || exit 1\n" +
            "find . -type f -name '*.tmp-*' -exec rm -f {} +\n" +
            $"for f in {RemoteShell.Quote(files.Select(f => f.RelativePath))}; do [ -f \"$f\" ] && sha256sum -- \"$f\"; done\ntrue";
        string listing = await shell.RunCheckedAsync(script, $"preparing {directory}", cancellationToken).ConfigureAwait(false);
        var remote = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2).ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
        return [.. files.Where(f => remote.GetValueOrDefault(f.RelativePath) is { } sha && string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase))
            .Select(f => f.RelativePath)];
    }

    private static async Task UploadAsync(SftpClient sftp, ArtifactFile file, string temporary, CancellationToken cancellationToken)
    {
        var local = File.OpenRead(file.LocalPath);
        await using (local.ConfigureAwait(false))
            await sftp.UploadFileAsync(local, temporary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One script for all copied files: each is checked, made executable, flushed and renamed on its own, so every
    /// name that appears is complete; a file that arrived damaged is removed and fails the deploy.
    /// </summary>
    private static string InstallScript(string directory, List<ArtifactFile> files, List<string> temporaries)
    {
        var script = new StringBuilder("damaged=''\n");
        for (int i = 0; i < files.Count; i++)
        {
            var file = files[i];
            script.Append(CultureInfo.InvariantCulture, $"f={RemoteShell.Quote(temporaries[i])}\n")
                .Append(CultureInfo.InvariantCulture,
                    $"if [ \"$(wc -c < \"$f\")\" -eq {file.SizeText} ] && [ \"$(sha256sum < \"$f\" | cut -d' ' -f1)\" = {file.Sha256} ]; then\n")
                // Flushed before the rename: after a power cut the name must never point at blocks that were not written.
                .Append(CultureInfo.InvariantCulture,
                    $"  chmod 755 \"$f\" && {{ sync \"$f\" 2>/dev/null || sync; }} && mv -f \"$f\" {RemoteShell.Quote($"{directory}/{file.RelativePath}")} || exit 1\n")
                .Append(CultureInfo.InvariantCulture, $"else rm -f \"$f\"; damaged=\"$damaged {file.RelativePath}\"; fi\n");
        }
        return script.Append("[ -z \"$damaged\" ] || { echo \"size or sha256 differ after the copy:$damaged\" >&2; exit 3; }").ToString();
    }

    /// <summary>Best effort: with the connection gone the temporaries stay, and the next deploy removes them.</summary>
    private static async Task RemoveQuietlyAsync(RemoteShell shell, IEnumerable<string> paths)
    {
        try { await shell.RunAsync($"rm -f -- {RemoteShell.Quote(paths)}", CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) when (e is SshException or IOException or SocketException or ObjectDisposedException or InvalidOperationException) { }
    }
}
