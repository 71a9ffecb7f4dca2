using System.Text.Json;

namespace DeviceBench.Host.Bench;

/// <summary>A status as run.json and every message spell it (<c>partial</c>, <c>ok</c>): see <see cref="CamelCaseEnumConverter{TEnum}"/>.</summary>
public static class StatusText
{
    public static string Text(this RunStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static string Text(this SessionStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
