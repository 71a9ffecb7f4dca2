using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Reports;

/// <summary>
/// <c>compare --json</c>: every figure with both sides' median, min, max and rounds, B/A, how much worse B is, the verdict
/// and whether it fails the gate; the rule as text. Source-generated, camelCase, nulls omitted as in run.json.
/// </summary>
public static class CompareJson
{
    public static string Of(IReadOnlyList<CompareReport> reports, double? thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var document = new CompareDocument(NoiseRule.Description, thresholdPercent,
            reports.Sum(r => thresholdPercent is { } t ? r.Regressions(t).Count() : 0),
            [.. reports.Select(r => new CompareRun(r.LabelA, r.LabelB, r.CommonRates, r.Notes, [.. r.Rows.SelectMany(row => row.Figures.Select(f =>
                new CompareFigure(row.Contender, f.Metric, f.Rate, f.A, f.B, f.Ratio, f.WorsePercent, f.Verdict,
                    thresholdPercent is { } t && f.RegressedBeyond(t))))]))]);
        return JsonSerializer.Serialize(document, Options.GetTypeInfo(typeof(CompareDocument)));
    }

    /// <summary>Text as written ("B's", "2+", "min–max"), not \u0027-escaped: the file is read by people too, never embedded in HTML.</summary>
    private static readonly JsonSerializerOptions Options = new(CompareJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

internal sealed record CompareDocument(string Rule, double? ThresholdPercent, int Regressions, IReadOnlyList<CompareRun> Comparisons);

internal sealed record CompareRun(string A, string B, IReadOnlyList<double> CommonRates, IReadOnlyList<string> Notes, IReadOnlyList<CompareFigure> Figures);

internal sealed record CompareFigure(string Contender, ComparedMetric Metric, double? Rate, Spread? A, Spread? B, double? Ratio, double? WorsePercent,
    Verdict Verdict, bool Regression);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CompareDocument))]
internal sealed partial class CompareJsonContext : JsonSerializerContext;
