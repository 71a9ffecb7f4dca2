using System.Globalization;
using System.Text.Json;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// Reads a LAVA job log: one entry per line, <c>{"dt": …, "lvl": …, "msg": …}</c>, as <c>lava-run</c> prints it and
/// as the server's <c>/logs/</c> serves it (a YAML list, each line prefixed <c>- </c>). The entries are flow-style
/// YAML that is JSON except for the <c>! "457"</c> tags LAVA puts on numbers it keeps as strings; dropping the tag
/// leaves JSON. What the board printed is <c>lvl: target</c>; test cases are <c>lvl: results</c>.
/// </summary>
public sealed class LavaLog
{
    private LavaLog(IReadOnlyList<string> boardLines, IReadOnlyList<LavaTestCase> testCases)
    {
        BoardLines = boardLines;
        TestCases = testCases;
    }

    /// <summary>What the board printed on its console, in order (boot log, shell, the contenders' protocol lines), and the job's other namespaces on theirs.</summary>
    public IReadOnlyList<string> BoardLines { get; }

    /// <summary>Every test case the job recorded, LAVA's own (suite <c>lava</c>) and the board's.</summary>
    public IReadOnlyList<LavaTestCase> TestCases { get; }

    /// <summary>The same log with the test cases the server lists (its <c>/tests/</c>), which are what a lab's dashboards show.</summary>
    public LavaLog WithTestCases(IReadOnlyList<LavaTestCase> testCases) => new(BoardLines, testCases);

    public static LavaLog Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var board = new List<string>();
        var cases = new List<LavaTestCase>();
        foreach (string raw in lines)
        {
            string line = raw.StartsWith("- ", StringComparison.Ordinal) ? raw[2..] : raw;
            if (!line.StartsWith('{')) continue;
            JsonDocument entry;
            try { entry = JsonDocument.Parse(line.Replace(": ! \"", ": \"", StringComparison.Ordinal)); }
            catch (JsonException) { continue; }
            using (entry)
            {
                var root = entry.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("lvl", out var level) || !root.TryGetProperty("msg", out var message)) continue;
                // The dispatcher's shell logger escapes every double quote the board printed (\"); undone here.
                if (level.ValueEquals("target") && message.ValueKind == JsonValueKind.String) board.Add(message.GetString()!.Replace("\\\"", "\"", StringComparison.Ordinal));
                else if (level.ValueEquals("results") && message.ValueKind == JsonValueKind.Object && TestCaseOf(message) is { } testCase) cases.Add(testCase);
            }
        }
        return new LavaLog(board, cases);
    }

    private static LavaTestCase? TestCaseOf(JsonElement result)
    {
        string? name = Text(result, "case"), suite = Text(result, "definition"), outcome = Text(result, "result");
        if (name is null || suite is null || outcome is null) return null;
        return new LavaTestCase(suite, name, outcome, Number(Text(result, "measurement")), Text(result, "units"));
    }

    /// <summary>A string or number property of a LAVA REST answer as text; null when absent or of another kind.</summary>
    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>LAVA stores measurements as decimals (<c>3801088.0</c>); the board sent whole numbers.</summary>
    public static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : null;
}
