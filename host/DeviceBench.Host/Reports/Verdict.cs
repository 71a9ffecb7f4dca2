using System.Text.Json.Serialization;
using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

/// <summary>What <see cref="NoiseRule"/> makes of B against A; written <c>better</c>, <c>worse</c>, <c>noise</c> everywhere.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<Verdict>))]
public enum Verdict
{
    /// <summary>Within the noise: no difference is called.</summary>
    Noise,

    Better,

    Worse,

    /// <summary>One of the runs has no figure (a failed session, a phase it did not run).</summary>
    Missing,
}
