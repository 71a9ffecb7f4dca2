using System.Globalization;

namespace DeviceBench.Host.Hostile.Attacks;

/// <summary>An attack session as text: a few lines for people, then one <c>result key=value ...</c> line for scripts.</summary>
public static class AttackReportText
{
    public static IEnumerable<string> Lines(AttackSessionOptions options, AttackOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outcome);
        var a = outcome.Attack;
        var baseP99 = P99(outcome.Baseline);
        var attackP99 = P99(outcome.UnderAttack);
        yield return Invariant($"attack {a.Kind.ToString().ToLowerInvariant()} on {options.Attack.Target}: {options.Attack.Connections} connections; ")
            + Invariant($"normal client {options.NormalRatePerSecond} req/s over {options.NormalConnections} connections for {options.Duration.TotalSeconds}s");
        yield return Invariant($"  attack      opened {a.Opened}, connect failures {a.ConnectFailures}, completed {a.Completed}, ")
            + Invariant($"closed by server {a.ClosedByServer}, resets {a.ResetsMidRequest} mid-request / {a.ResetsMidResponse} mid-response");
        yield return Invariant($"  normal P99  without attack {Text(baseP99, " us")}, under attack {Text(attackP99, " us")}; errors {Text(outcome.Baseline?.Errors.Total, "")} / ")
            + Invariant($"{outcome.UnderAttack.Errors.Total}; requests {Text(outcome.Baseline?.Requests, "")} / {outcome.UnderAttack.Requests}");
        yield return Invariant($"  server RSS  before {Mb(outcome.RssBeforeBytes)}, attack in place {Mb(outcome.RssEstablishedBytes)}, peak {Mb(outcome.RssPeakBytes)}, ")
            + Invariant($"after {Mb(outcome.RssAfterBytes)}; per idle connection {Text(outcome.BytesPerIdleConnection, " B")}");
        yield return $"  server      serving after: {YesNo(outcome.ServingAfter)}, process alive: {(outcome.ProcessAlive is { } alive ? YesNo(alive) : "-")}";
        yield return Invariant($"result kind={a.Kind.ToString().ToLowerInvariant()} connections={options.Attack.Connections} opened={a.Opened} ")
            + Invariant($"connect_failures={a.ConnectFailures} completed={a.Completed} closed_by_server={a.ClosedByServer} held={a.Held} ")
            + Invariant($"resets_mid_request={a.ResetsMidRequest} resets_mid_response={a.ResetsMidResponse} baseline_p99_us={Text(baseP99, "")} ")
            + Invariant($"attack_p99_us={Text(attackP99, "")} baseline_errors={Text(outcome.Baseline?.Errors.Total, "")} attack_errors={outcome.UnderAttack.Errors.Total} ")
            + Invariant($"attack_requests={outcome.UnderAttack.Requests} rss_before_bytes={Text(outcome.RssBeforeBytes, "")} ")
            + Invariant($"rss_established_bytes={Text(outcome.RssEstablishedBytes, "")} rss_peak_bytes={Text(outcome.RssPeakBytes, "")} ")
            + Invariant($"rss_after_bytes={Text(outcome.RssAfterBytes, "")} bytes_per_idle_conn={Text(outcome.BytesPerIdleConnection, "")} ")
            + $"serving_after={YesNo(outcome.ServingAfter)} alive={(outcome.ProcessAlive is { } up ? YesNo(up) : "-")}";
    }

    /// <summary>Null when nothing was measured: a P99 of 0 µs would read as a perfect server.</summary>
    private static long? P99(Load.LoadResult? result) => result is { Latency.Count: > 0 } ? result.Latency.P99Micros : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Text(long? value, string unit) => value is { } v ? Invariant($"{v}{unit}") : "-";

    private static string Mb(long? bytes) => bytes is { } b ? Invariant($"{b / 1048576.0:0.0} MB") : "-";

    private static string YesNo(bool value) => value ? "yes" : "no";
}
