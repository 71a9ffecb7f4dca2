using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>
/// An enum as the camelCase of its member's name, in run.json as in every message (<see cref="StatusText"/>): a
/// status is the same word wherever it is written, and run.json keeps the strings it always had.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
