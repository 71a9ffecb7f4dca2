using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DeviceBench.Host.Boards.Ssh;

public sealed partial class SshBoard
{
    /// <summary>
    /// Connects (host key verified first), probes the board, makes this session's work folder and starts the report
    /// stream. <paramref name="profile"/>'s contender CPUs are kept to those the board has; none asked for means all.
    /// </summary>
    /// <exception cref="HostKeyRejectedException">The host key is not the trusted one.</exception>
    /// <exception cref="IOException">The board cannot be reached, logged in to, or probed.</exception>
    public static async Task<SshBoard> ConnectAsync(string spec, BoardProfile profile, SshBoardOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new SshBoardOptions();
        var target = SshTarget.Parse(spec);
        var login = new SshLogin(target, options);
        SshClient? client = null;
        ReportLineSource? report = null;
        string? work = null;
        try
        {
            client = await login.ConnectAsync(c => new SshClient(c) { KeepAliveInterval = TimeSpan.FromSeconds(15) }, cancellationToken).ConfigureAwait(false);
            var shell = new RemoteShell(client);
            string workName = NewWorkName();
            var facts = await BoardFacts.ProbeAsync(shell, profile.MemoryCapBytes, options.RemoteDirectory, workName, cancellationToken).ConfigureAwait(false);
            _ = facts.Architecture; // a board with no artifacts to run is refused now, not at deploy
            string root = facts.Root;
            work = $"{root}/{workName}";
            report = options.HostSerialDevice is { } device
                ? ReportLineSource.FromUart(work, device, options.HostSerialBaud, options.BoardSerialDevice)
                : await ReportLineSource.OverSshAsync(shell, work, cancellationToken).ConfigureAwait(false);
            var (resolved, cpuNote) = ResolveCpus(profile, facts.Cpus);
            List<string> notes = [$"{target.Name}: {facts.Machine} ({facts.Architecture}), {facts.Cpus} CPUs, host key {login.Verifier.Accepted}",
                LimitsNote(facts, resolved), .. cpuNote is null ? Array.Empty<string>() : [cpuNote],
                $"load generator on this host (CPUs {BoardProfile.FormatCpuList(resolved.LoadCpus)}), across the network", report.Description];
            return new SshBoard(target, login, client, facts, resolved, root, work, report, notes);
        }
        catch (Exception e)
        {
            report?.Dispose();
            if (client is not null && work is not null)
                await new RemoteShell(client).RunAsync($"rm -rf -- {RemoteShell.Quote(work)}", CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            client?.Dispose();
            login.Dispose();
            if (e is SshException or SocketException) throw new IOException($"{target.Name}: {e.Message}", e);
            throw;
        }
    }

    /// <summary>Same wording as the local board's cgroup note, so reports read alike.</summary>
    private static string LimitsNote(BoardFacts facts, BoardProfile profile)
    {
        string cpus = BoardProfile.FormatCpuList(profile.ContenderCpus);
        string pinning = facts.HasTaskset ? $"CPUs {cpus} by taskset" : $"CPUs NOT pinned (no taskset on the board; {cpus} asked for)";
        return profile.MemoryCapBytes switch
        {
            null => $"memory not capped, {pinning}",
            long cap when facts.ScopeCommand is { } scope => $"{scope} scope: memory capped at {cap >> 20} MiB, swap off, {pinning}",
            _ => $"no usable systemd-run scope on the board: memory not capped, {pinning}",
        };
    }

    private static (BoardProfile Profile, string? Note) ResolveCpus(BoardProfile requested, int boardCpus)
    {
        IReadOnlyList<int> all = [.. Enumerable.Range(0, boardCpus)];
        if (requested.ContenderCpus.Count == 0) return (requested with { ContenderCpus = all }, null);
        IReadOnlyList<int> usable = [.. requested.ContenderCpus.Where(c => c < boardCpus)];
        if (usable.Count == requested.ContenderCpus.Count) return (requested, null);
        var chosen = usable.Count > 0 ? usable : all;
        return (requested with { ContenderCpus = chosen },
            $"CPUs {BoardProfile.FormatCpuList(requested.ContenderCpus)} asked for, the board has {boardCpus}: contenders use CPUs {BoardProfile.FormatCpuList(chosen)}");
    }
}
