using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>One file to deploy, by its path under <c>artifacts/&lt;arch&gt;/</c>, with the size and SHA-256 it must arrive with.</summary>
internal sealed record ArtifactFile(string RelativePath, string LocalPath, long SizeBytes, string Sha256)
{
    /// <summary>Every contender starts through the firmware (<c>serve</c> or <c>watch</c>), so it goes even when the manifest lacks it.</summary>
    private const string Firmware = "fw/devicebench-fw";

    /// <summary>
    /// The files of manifest.tsv plus the firmware, hashed here: the hash of the bytes read is what the board must
    /// verify, and a manifest that disagrees with them means a build that did not finish.
    /// </summary>
    public static IReadOnlyList<ArtifactFile> ReadSet(string architectureDirectory, string architecture)
    {
        string manifest = Path.Combine(architectureDirectory, "manifest.tsv");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{manifest} is missing: run scripts/build.sh {architecture} first", manifest);
        var rows = File.ReadAllLines(manifest).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        string[] header = rows.Count > 0 ? rows[0] : [];
        int file = Array.IndexOf(header, "file"), sha = Array.IndexOf(header, "sha256");
        if (file < 0 || sha < 0) throw new IOException($"{manifest} has no file/sha256 columns");
        var expected = rows.Skip(1).Where(r => r.Length > Math.Max(file, sha)).GroupBy(r => r[file], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[sha], StringComparer.Ordinal);
        var paths = new SortedSet<string>(expected.Keys, StringComparer.Ordinal) { Firmware };
        return [.. paths.Select(p => Hash(architectureDirectory, architecture, p, expected.GetValueOrDefault(p)))];
    }

    /// <summary>The set's name on the board: the same bytes always land in the same folder, so a cache hit is exact.</summary>
    public static string SetId(IEnumerable<ArtifactFile> files)
    {
        string listing = string.Concat(files.Select(f => $"{f.RelativePath}\t{f.Sha256}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing)))[..16];
    }

    private static ArtifactFile Hash(string directory, string architecture, string relative, string? manifestSha)
    {
        // The path goes into remote shell commands and SFTP paths: keep it to plain relative names.
        if (relative.Length == 0 || relative.StartsWith('/') || relative.Split('/').Any(s => s is "" or "." or "..")
            || !relative.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
            throw new IOException($"manifest.tsv names an unsafe path '{relative}'");
        string local = Path.Combine(directory, relative);
        if (!File.Exists(local)) throw new FileNotFoundException($"{local} is missing: run scripts/build.sh {architecture} first", local);
        using var stream = File.OpenRead(local);
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (manifestSha is not null && !string.Equals(manifestSha, sha, StringComparison.OrdinalIgnoreCase))
            throw new IOException($"{local} does not match manifest.tsv (sha256 {sha}, manifest {manifestSha}): run scripts/build.sh {architecture} again");
        return new ArtifactFile(relative, local, stream.Length, sha);
    }

    public string SizeText => SizeBytes.ToString(CultureInfo.InvariantCulture);
}
