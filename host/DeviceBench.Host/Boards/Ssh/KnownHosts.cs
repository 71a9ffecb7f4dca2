using System.Security.Cryptography;
using System.Text;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// An OpenSSH known_hosts file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): <c>hosts keytype base64key [comment]</c>, where
/// hosts is a comma list of names or patterns (<c>*</c>, <c>?</c>, <c>!</c> negation, <c>[host]:port</c>) or one hashed
/// <c>|1|salt|HMAC-SHA1(salt, name)</c> entry, optionally led by <c>@revoked</c> or <c>@cert-authority</c>.
/// </summary>
internal sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(string path, List<Entry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    /// <summary>A missing file is an empty one: every host is then unknown, never trusted.</summary>
    public static KnownHosts Load(string path)
    {
        var entries = new List<Entry>();
        if (!File.Exists(path)) return new KnownHosts(path, entries);
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string[] fields = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            string? marker = fields[0].StartsWith('@') ? fields[0] : null;
            if (marker is not null) fields = fields[1..];
            // Certificate authorities sign host certificates, which this board does not ask for.
            if (fields.Length < 3 || marker is "@cert-authority" || (marker is not null && marker != "@revoked")) continue;
            byte[] key;
            try { key = Convert.FromBase64String(fields[2]); }
            catch (FormatException) { continue; }
            entries.Add(new Entry(number, fields[0], key, marker == "@revoked"));
        }
        return new KnownHosts(path, entries);
    }

    /// <summary>Whether <paramref name="key"/> (the SSH wire-format public key) is this host's, another key is, or none is listed.</summary>
    public (HostKeyStatus Status, int Line) Check(string knownHostsName, ReadOnlySpan<byte> key)
    {
        var (status, line) = (HostKeyStatus.Unknown, 0);
        foreach (var entry in _entries.Where(e => e.Matches(knownHostsName)))
        {
            bool same = key.SequenceEqual(entry.Key);
            if (entry.Revoked) { if (same) return (HostKeyStatus.Revoked, entry.Line); }
            else if (same) (status, line) = (HostKeyStatus.Trusted, entry.Line);
            else if (status == HostKeyStatus.Unknown) (status, line) = (HostKeyStatus.Mismatch, entry.Line);
        }
        return (status, line);
    }

    private sealed record Entry(int Line, string Hosts, byte[] Key, bool Revoked)
    {
        public bool Matches(string name)
        {
            if (Hosts.StartsWith("|1|", StringComparison.Ordinal)) return HashedMatches(name);
            bool matched = false;
            foreach (string pattern in Hosts.Split(','))
            {
                bool negated = pattern.StartsWith('!');
                if (!Glob(negated ? pattern[1..] : pattern, name)) continue;
                if (negated) return false;
                matched = true;
            }
            return matched;
        }

        private bool HashedMatches(string name)
        {
            string[] parts = Hosts.Split('|');
            if (parts.Length != 4) return false;
            try
            {
                byte[] salt = Convert.FromBase64String(parts[2]), hash = Convert.FromBase64String(parts[3]);
#pragma warning disable CA5350 // OpenSSH's HashKnownHosts format is defined as HMAC-SHA1; it hides names, it does not authenticate keys.
                return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name)), hash);
#pragma warning restore CA5350
            }
            catch (FormatException) { return false; }
        }

        /// <summary>OpenSSH's match_pattern: <c>*</c> any run, <c>?</c> one character, case-insensitive, everything else literal.</summary>
        private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
        {
            int p = 0, t = 0, star = -1, resume = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))) { p++; t++; }
                else if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = t; }
                else if (star >= 0) { p = star + 1; t = ++resume; }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}
