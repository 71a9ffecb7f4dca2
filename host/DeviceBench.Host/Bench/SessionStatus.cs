using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>How one contender's session ended, in run.json as <c>running</c>, <c>ok</c> or <c>failed</c>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    Running,
    Ok,
    Failed,
}
