using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A duration in run.json as a number of seconds under a name that says so (<c>warmupSeconds: 5</c>), as the load
/// result's figures are written, rather than .NET's TimeSpan text (<c>"00:00:05"</c>), which no other tool reads.
/// </summary>
public sealed class SecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new JsonException("a duration in seconds must be a number");

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.TotalSeconds);
    }
}
