using System.Globalization;

namespace DeviceBench.Host.Boards;

/// <summary>
/// The limits every contender runs under, the same for all: the CPUs it may use, a memory cap, and its worker count
/// (default: as many as CPUs). On the local board the load generator gets the other CPUs.
/// </summary>
public sealed record BoardProfile(IReadOnlyList<int> ContenderCpus, IReadOnlyList<int> LoadCpus, long? MemoryCapBytes)
{
    public int Workers => ContenderCpus.Count;

    /// <summary>This machine split in two: the first half of its CPUs for the contender, the rest for the load (one each on 2 cores).</summary>
    public static BoardProfile SplitLocal(long? memoryCapBytes = null)
    {
        int cpus = Environment.ProcessorCount;
        int contender = Math.Max(1, cpus / 2);
        return new BoardProfile([.. Enumerable.Range(0, contender)], [.. Enumerable.Range(contender, Math.Max(1, cpus - contender)).Select(c => c % cpus)],
            memoryCapBytes);
    }

    /// <summary>Parses a CPU list such as <c>0</c>, <c>0,2</c> or <c>0-3</c>.</summary>
    public static IReadOnlyList<int> ParseCpuList(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(part =>
        {
            var ends = part.Split('-');
            int first = int.Parse(ends[0], CultureInfo.InvariantCulture), last = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            return Enumerable.Range(first, last - first + 1);
        }).Distinct().Order()];

    public static string FormatCpuList(IEnumerable<int> cpus) => string.Join(',', cpus);
}
