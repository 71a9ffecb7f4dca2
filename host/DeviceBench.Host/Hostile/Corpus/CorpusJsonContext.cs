using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>Source-generated JSON for <see cref="CorpusReport"/> (camelCase, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CorpusReport))]
public sealed partial class CorpusJsonContext : JsonSerializerContext
{
    public static string Serialize(CorpusReport report) => JsonSerializer.Serialize(report, Default.CorpusReport);

    public static CorpusReport? Deserialize(string json) => JsonSerializer.Deserialize(json, Default.CorpusReport);
}
