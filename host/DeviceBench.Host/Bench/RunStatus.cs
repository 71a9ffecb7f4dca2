using System.Text.Json.Serialization;

namespace DeviceBench.Host.Bench;

/// <summary>How a run ended, in run.json as <c>running</c>, <c>complete</c>, <c>partial</c> or <c>failed</c>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Still going, or the host died: the record holds what was measured until then.</summary>
    Running,

    /// <summary>Every session measured what it was asked to.</summary>
    Complete,

    /// <summary>A session failed or the run was stopped; the reason says which.</summary>
    Partial,

    /// <summary>Nothing was measured.</summary>
    Failed,
}
