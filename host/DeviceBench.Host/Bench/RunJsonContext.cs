using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>Source-generated JSON for <see cref="RunRecord"/> (camelCase, nulls omitted: absent figures stay absent).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunRecord))]
public sealed partial class RunJsonContext : JsonSerializerContext
{
    public static string Serialize(RunRecord run) => JsonSerializer.Serialize(run, Default.RunRecord);

    public static RunRecord Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.RunRecord) ?? throw new InvalidDataException("run.json holds no run");
}
