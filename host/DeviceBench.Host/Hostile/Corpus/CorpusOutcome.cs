using System.Globalization;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>What one server did with one corpus case, and whether a normal client was served right after it.</summary>
/// <param name="Expected">The case's expectation as written: statuses and <c>silent</c>, joined by <c>|</c>.</param>
/// <param name="Statuses">Every final response received, in order: more than one to a single hostile request is smuggling.</param>
/// <param name="ClosedByServer">The server closed (FIN or reset) after its answer, within the close timeout.</param>
/// <param name="TimedOut">Neither a response nor a close arrived in time.</param>
/// <param name="WriteCutShort">The server closed before the whole request was written (fine when it answered first).</param>
/// <param name="ServerAlive">A normal <c>GET /</c> on a new connection got 200 "Hello, World!" right afterwards.</param>
/// <param name="Problem">Why <paramref name="ServerAlive"/> is false: refused, timed out, wrong answer.</param>
public sealed record CorpusOutcome(
    string Name,
    string Category,
    string Expected,
    bool CloseRequired,
    IReadOnlyList<int> Statuses,
    bool ClosedByServer,
    bool TimedOut,
    bool WriteCutShort,
    bool ServerAlive,
    string? Problem)
{
    /// <summary>The first final response's status; null when the server said nothing.</summary>
    public int? Status => Statuses.Count > 0 ? Statuses[0] : null;

    public bool Smuggled => Statuses.Count > 1;

    /// <summary>The server could not serve a normal client afterwards: it died, hung or lost its mind.</summary>
    public bool Crashed => !ServerAlive;

    /// <summary>Right status, connection closed (where the case requires it), nothing smuggled, server still serving.</summary>
    public bool AsExpected => ServerAlive && !Smuggled && (Status is { } s
        ? Expected.Split('|').Contains(s.ToString(CultureInfo.InvariantCulture)) && (ClosedByServer || !CloseRequired)
        : ClosedByServer && Expected.Split('|').Contains("silent"));

    /// <summary>A short cell for a table: <c>400 closed</c>, <c>400 open</c>, <c>silent close</c>, <c>timeout</c>, <c>SMUGGLED 200+404</c>.</summary>
    [JsonIgnore]
    public string Summary =>
        (Smuggled ? $"SMUGGLED {string.Join('+', Statuses)}" : Status is { } s ? $"{s} {(ClosedByServer ? "closed" : "open")}"
            : ClosedByServer ? "silent close" : "timeout") + (ServerAlive ? "" : " DEAD");
}
