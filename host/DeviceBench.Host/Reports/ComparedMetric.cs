using System.Text.Json.Serialization;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>The figures <c>compare</c> sets side by side, each with the direction that counts as better.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ComparedMetric>))]
public enum ComparedMetric
{
    /// <summary>RSS at READY, bytes: lower is better.</summary>
    BaselineRss,

    /// <summary>Highest RSS (VmHWM) the session reached, bytes: lower is better.</summary>
    PeakRss,

    /// <summary>Closed-loop maximum, requests/s: higher is better.</summary>
    RequestsPerSecond,

    /// <summary>Corrected p99 at one open-loop rate both runs measured, microseconds: lower is better.</summary>
    P99,
}
