using System.Globalization;

namespace DeviceBench.Host.Boards.Ssh;

/// <summary>
/// What one probe over SSH learns about the board: its machine, CPUs, which limits it can apply, and the DeviceBench
/// folder (<see cref="Root"/>), in which the probe also makes this session's work folder.
/// </summary>
internal sealed record BoardFacts(string Machine, int Cpus, string Root, bool HasTaskset, string? ScopeCommand)
{
    /// <summary><c>uname -m</c> as an artifacts folder: aarch64 → arm64, x86_64 → x64.</summary>
    public string Architecture => Machine switch
    {
        "aarch64" or "arm64" or "armv8l" => "arm64",
        "x86_64" or "amd64" => "x64",
        _ => throw new NotSupportedException($"the board's machine is {Machine}; DeviceBench builds for x64 and arm64 (a 32-bit Raspberry Pi OS needs the 64-bit image)"),
    };

    /// <summary>
    /// One round trip. The memory cap is tried for real (a scope running <c>true</c>): systemd-run exists on many
    /// systems where it cannot start a scope (no systemd as init, no user session with the memory controller).
    /// </summary>
    /// <param name="root">The DeviceBench folder on the board; null is <c>$HOME/.devicebench</c>.</param>
    /// <param name="workName">This session's folder, made under the root.</param>
    public static async Task<BoardFacts> ProbeAsync(RemoteShell shell, long? memoryCapBytes, string? root, string workName, CancellationToken cancellationToken)
    {
        string scope = memoryCapBytes is { } cap
            ? $"if [ \"$(id -u)\" = 0 ]; then s='systemd-run'; else s='systemd-run --user'; fi\n" +
              $"timeout 15 $s --scope --quiet -p MemoryMax={cap.ToString(CultureInfo.InvariantCulture)} -p MemorySwapMax=0 -- true >/dev/null 2>&1 && echo \"scope=$s\"\n"
            : "";
        string script = $"root={(root is null ? "\"$HOME/.devicebench\"" : RemoteShell.Quote(root))}\n" +
            $"mkdir -p -- \"$root/{workName}\" && echo \"root=$root\" || exit 1\n" +
            "echo \"machine=$(uname -m)\"; echo \"cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)\"\n" +
            "command -v taskset >/dev/null 2>&1 && echo taskset=yes\n" +
            "command -v sha256sum >/dev/null 2>&1 || { echo 'the board has no sha256sum (coreutils)' >&2; exit 1; }\n" + scope + "true";
        string output = await shell.RunCheckedAsync(script, "probing the board", cancellationToken).ConfigureAwait(false);
        var facts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        return new BoardFacts(facts.GetValueOrDefault("machine", "unknown"),
            int.TryParse(facts.GetValueOrDefault("cpus"), NumberStyles.None, CultureInfo.InvariantCulture, out int cpus) && cpus > 0 ? cpus : 1,
            facts.GetValueOrDefault("root") ?? throw new IOException("the board did not make its work folder"), facts.ContainsKey("taskset"), facts.GetValueOrDefault("scope"));
    }
}
