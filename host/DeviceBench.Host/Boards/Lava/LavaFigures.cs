using DeviceBench.Protocol;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// The figures a contender's protocol records give, named as the board's script names its test cases
/// (<see cref="LavaBoardFiles.Figures"/>): what LAVA's test cases must equal.
/// </summary>
public static class LavaFigures
{
    public static Dictionary<string, (decimal Value, string Units)> Of(IReadOnlyList<IReportRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var figures = new Dictionary<string, (decimal, string)>();
        foreach (var (name, record, key, units) in LavaBoardFiles.Figures)
        {
            var values = record switch
            {
                "READY" => records.OfType<ReadyRecord>().Take(1).Select(r => Ready(r, key)),
                "STAT max" => records.OfType<StatRecord>().Select(s => Stat(s, key)),
                "END" => records.OfType<EndRecord>().TakeLast(1).Select(e => End(e, key)),
                _ => [],
            };
            var present = values.OfType<long>().ToList();
            if (present.Count > 0) figures[name] = (present.Max(), units);
        }
        return figures;
    }

    private static long? Ready(ReadyRecord ready, string key) => key switch
    {
        "rss_bytes" => ready.Memory?.RssBytes,
        "pss_bytes" => ready.Memory?.PssBytes,
        "anon_bytes" => ready.Memory?.AnonBytes,
        "startup_ms" => ready.StartupMillis,
        _ => null,
    };

    private static long? Stat(StatRecord stat, string key) => key switch
    {
        "rss_bytes" => stat.Memory?.RssBytes,
        "rps" => stat.RequestsPerSecond,
        _ => null,
    };

    private static long? End(EndRecord end, string key) => key switch
    {
        "hwm_bytes" => end.HwmBytes,
        "requests" => end.Requests,
        _ => null,
    };
}
