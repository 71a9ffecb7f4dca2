using System.Globalization;

namespace DeviceBench.Host.Bench;

/// <summary>
/// A bench profile (<c>bench --profile</c>), saved in run.json as <c>memoryProfile</c>: the memory settings every contender's
/// runtime gets. <c>default</c> sets nothing, as the contenders ship. <c>constrained</c> takes one budget for all and gives
/// each runtime its own documented knob for the memory it manages, set to the same <see cref="RuntimeShare"/> of the
/// budget: .NET's heap hard limit (plus its conserve-memory mode), Go's soft memory limit, nothing for Rust (no managed heap).
/// Settings travel as environment variables, which every board passes the same way (<see cref="ContenderCatalog.Launch"/>).
/// No server option is part of it (Kestrel's connection limit or memory pool, Go's or hyper's buffers): those change what
/// is measured rather than how a runtime manages memory, and would give one contender a setting the others are not given.
/// </summary>
public sealed record MemoryProfile
{
    public const string DefaultName = "default";
    public const string ConstrainedName = "constrained";

    /// <summary>The budget of <c>constrained</c> when <c>--memory</c> gives none: a small board's share for one server.</summary>
    public const long DefaultBudgetBytes = 32L << 20;

    /// <summary>
    /// The runtime's limit is 3/4 of the budget: .NET's own default share of a container's limit (GCHeapHardLimitPercent
    /// 75 %), applied to Go as well; the rest is left to code, stacks and native memory no runtime limit counts.
    /// </summary>
    public const double RuntimeShare = 0.75;

    /// <summary>
    /// The conserve-memory level (0-9) .NET documents for memory-tight processes; 5 is the level its documentation
    /// shows. It makes the GC compact rather than grow when fragmentation exceeds what the level allows.
    /// </summary>
    public const int ConserveMemoryLevel = 5;

    public static IReadOnlyList<string> Names { get; } = [DefaultName, ConstrainedName];

    /// <summary><c>default</c> or <c>constrained</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The memory budget of every contender (constrained only).</summary>
    public long? BudgetBytes { get; init; }

    /// <summary>Per contender, the environment variables it was started with (empty: none set).</summary>
    public Dictionary<string, Dictionary<string, string>> Settings { get; init; } = [];

    /// <summary>The profile named <paramref name="name"/> for <paramref name="contenders"/>.</summary>
    /// <exception cref="ArgumentException">Not a profile name.</exception>
    public static MemoryProfile Create(string name, long? budgetBytes, IEnumerable<string> contenders)
    {
        ArgumentNullException.ThrowIfNull(contenders);
        if (name == DefaultName) return new MemoryProfile { Name = name, Settings = contenders.ToDictionary(c => c, _ => new Dictionary<string, string>()) };
        if (name != ConstrainedName) throw new ArgumentException($"--profile: unknown profile '{name}' (known: {string.Join(", ", Names)})");
        long budget = budgetBytes ?? DefaultBudgetBytes;
        return new MemoryProfile { Name = name, BudgetBytes = budget, Settings = contenders.ToDictionary(c => c, c => RuntimeSettings(c, (long)(budget * RuntimeShare))) };
    }

    /// <summary>The <c>NAME=value</c> pairs <paramref name="contender"/> starts with, in a fixed order.</summary>
    public IReadOnlyList<string> Environment(string contender) =>
        Settings.TryGetValue(contender, out var set) ? [.. set.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")] : [];

    /// <summary>Each runtime's documented knobs, by the runtime a contender is built with.</summary>
    private static Dictionary<string, string> RuntimeSettings(string contender, long limit) => contender switch
    {
        // Native AOT reads DOTNET_GC* from the environment as bare hexadecimal: "0x…" (accepted by CoreCLR) is ignored
        // there, and decimal digits are read as hex (firmware README, "Memory settings"; `devicebench-fw info` shows the GC's view).
        "csharp-minimal" or "csharp-kestrel" => new()
        {
            ["DOTNET_GCHeapHardLimit"] = limit.ToString("x", CultureInfo.InvariantCulture),
            ["DOTNET_GCConserveMemory"] = ConserveMemoryLevel.ToString(CultureInfo.InvariantCulture),
        },
        // GOMEMLIMIT (Go 1.19+) with GOGC at its documented default of 100: the collector paces by GOGC below the limit
        // and works harder near it. GOGC=off would let the heap grow to the limit, which is not what a careful user sets.
        "go-nethttp" => new() { ["GOMEMLIMIT"] = limit.ToString(CultureInfo.InvariantCulture) + "B", ["GOGC"] = "100" },
        // Rust has no runtime heap to limit: its allocator returns memory as the program frees it.
        _ => [],
    };
}
