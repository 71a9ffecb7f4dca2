using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>Limits the alarm pin watches; null means not watched. Each raises one ALARM when crossed and one when cleared.</summary>
internal sealed class Budgets(long? p99Micros = null, long? rssBytes = null, long? temperatureMilliCelsius = null)
{
    private readonly Dictionary<string, bool> _raised = [];

    public bool AnyRaised => _raised.ContainsValue(true);

    /// <summary>The ALARM records for the budgets whose state <paramref name="stat"/> changes.</summary>
    public IEnumerable<AlarmRecord> Evaluate(StatRecord stat)
    {
        var checks = new (string Name, long? Limit, long? Value)[]
        {
            ("p99", p99Micros, stat.Latency?.P99Micros),
            ("rss", rssBytes, stat.Memory?.RssBytes),
            ("temp", temperatureMilliCelsius, stat.TemperatureMilliCelsius),
        };
        foreach (var (name, limit, value) in checks)
        {
            if (limit is not { } l || value is not { } v) continue;
            bool over = v > l;
            if (over == _raised.GetValueOrDefault(name)) continue;
            _raised[name] = over;
            yield return new AlarmRecord(stat.Seq, name, over, v, l);
        }
    }
}
