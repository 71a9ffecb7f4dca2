using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Load;

/// <summary>Source-generated JSON for <see cref="LoadResult"/>: no reflection, so trimming and AOT stay possible.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadResult))]
public sealed partial class LoadResultJsonContext : JsonSerializerContext
{
    public static void Write(Stream stream, LoadResult result) => JsonSerializer.Serialize(stream, result, Default.LoadResult);

    public static LoadResult? Read(Stream stream) => JsonSerializer.Deserialize(stream, Default.LoadResult);
}
