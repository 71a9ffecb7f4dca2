using System.Globalization;
using System.Text.Json;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// The lab's side of a LAVA job: <c>devicebench lava loadgen</c>, run by the job's <c>loadgen</c> namespace (an lxc
/// namespace; with lava-lxc-mocker, the worker itself) while a contender's load window is open. It prints the whole
/// <see cref="LoadResult"/> as one <see cref="ResultMarker"/> line, which the job log keeps and <c>lava fetch</c> reads
/// into the run folder's <c>max</c> phase, and records each of its <see cref="Figures"/> as a test case
/// (<c>CONTENDER-client-rps</c>, …) for the lab's dashboards.
/// </summary>
public static class LavaLoadgen
{
    /// <summary><c>devicebench-client-result contender=NAME {JSON}</c>: the load engine's result, on one line.</summary>
    public const string ResultMarker = "devicebench-client-result";

    private static readonly JsonSerializerOptions OneLine = new(LoadResultJsonContext.Default.Options) { WriteIndented = false };

    private static readonly LoadResultJsonContext OneLineContext = new(OneLine);

    public static string ResultLine(string contender, LoadResult result) =>
        $"{ResultMarker} contender={contender} {JsonSerializer.Serialize(result, OneLineContext.LoadResult)}";

    /// <summary>The contender and result of a <see cref="ResultMarker"/> line; null for any other line or a result that does not parse.</summary>
    public static (string Contender, LoadResult Result)? ParseResultLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        const string Prefix = ResultMarker + " contender=";
        // Anywhere on the line: a terminal's control sequences may come first (the dispatcher strips only their ESC).
        int start = line.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0) return null;
        start += Prefix.Length;
        int space = line.IndexOf(' ', start);
        if (space < 0) return null;
        try
        {
            return JsonSerializer.Deserialize(line.AsSpan(space + 1), OneLineContext.LoadResult) is { } result ? (line[start..space], result) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The client's figures as test cases name them after <c>CONTENDER-</c>: what the loadgen records and what
    /// <c>lava fetch</c> checks LAVA's test cases against. Throughput to 0.01 requests/s, latency in whole microseconds
    /// (the engine's resolution).
    /// </summary>
    public static IReadOnlyList<(string Case, decimal Value, string Units)> Figures(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            ("client-rps", Math.Round((decimal)result.RequestsPerSecond, 2), "requests/s"),
            ("client-requests", result.Requests, "requests"),
            ("client-errors", result.Errors.Total, "errors"),
            ("client-p50", result.Latency.P50Micros, "microseconds"),
            ("client-p99", result.Latency.P99Micros, "microseconds"),
            ("client-p999", result.Latency.P999Micros, "microseconds"),
            ("client-max", result.Latency.MaxMicros, "microseconds"),
        ];
    }

    /// <summary>A measurement as <c>lava-test-case --measurement</c> takes it.</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
