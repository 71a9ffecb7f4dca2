using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DeviceBench.Host.Bench;

/// <summary>Source-generated JSON for <see cref="RunRecord"/> (camelCase, nulls omitted: absent figures stay absent).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunRecord))]
public sealed partial class RunJsonContext : JsonSerializerContext
{
    /// <summary>Key in <see cref="Exception.Data"/> of a refused read: the name of the missing or null figure, below <see cref="JsonException.Path"/>.</summary>
    internal const string MissingFigure = "missingFigure";

    private static JsonTypeInfo<RunRecord>? _strict;

    public static string Serialize(RunRecord run) => JsonSerializer.Serialize(run, Default.RunRecord);

    /// <summary>
    /// Reading refuses what writing never produces: a figure the record declares non-nullable that is null or absent, or a
    /// null in a list. A hand-edited or foreign run.json then fails here with its JSON path, not as a null dereference in a report.
    /// </summary>
    /// <exception cref="JsonException">Not JSON, or not a run record: <see cref="JsonException.Path"/> says where.</exception>
    public static RunRecord Deserialize(string json)
    {
        // Built on first use: static initialisers across this partial class's files run in no promised order.
        _strict ??= (JsonTypeInfo<RunRecord>)new JsonSerializerOptions(Default.Options) { TypeInfoResolver = Default.WithAddedModifier(RefuseNulls) }
            .GetTypeInfo(typeof(RunRecord));
        return JsonSerializer.Deserialize(json, _strict) ?? throw new InvalidDataException("run.json holds no run");
    }

    private static void RefuseNulls(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        var checkedProperties = type.Properties.Where(p => p.Get is not null && (!p.IsGetNullable || IsList(p.PropertyType))).ToList();
        if (checkedProperties.Count == 0) return;
        type.OnDeserialized = value =>
        {
            foreach (var property in checkedProperties)
            {
                object? figure = property.Get!(value);
                if (figure is null ? !property.IsGetNullable : figure is IEnumerable list && list.Cast<object?>().Any(item => item is null))
                    throw new JsonException($"{property.Name} is missing or null") { Data = { [MissingFigure] = property.Name } };
            }
        };
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
