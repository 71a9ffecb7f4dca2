using System.Globalization;

namespace DeviceBench.Firmware.Commands;

/// <summary>
/// The firmware's command line: <c>--key value</c> options, bare <c>--flag</c>s and everything after <c>--</c>.
/// Hand-rolled rather than System.CommandLine to keep the board binary and its baseline small.
/// </summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args, IReadOnlySet<string> flagNames)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (arg == "--")
            {
                while (e.MoveNext()) Rest.Add(e.Current);
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2) throw new UsageException($"unexpected argument '{arg}'");
            string name = arg[2..];
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) _options[name[..eq]] = name[(eq + 1)..];
            else if (flagNames.Contains(name)) _flags.Add(name);
            else if (e.MoveNext()) _options[name] = e.Current;
            else throw new UsageException($"option --{name} needs a value");
        }
    }

    public List<string> Rest { get; } = [];

    public bool Flag(string name)
    {
        _read.Add(name);
        return _flags.Contains(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public long? Int64(string name)
    {
        string? text = String(name);
        if (text is null) return null;
        return ParseSize(text) ?? throw new UsageException($"--{name}: '{text}' is not a number");
    }

    public int? Int32(string name) => Int64(name) is { } v ? checked((int)v) : null;

    /// <summary>Fails on options nobody asked for, so a typo is an error and not a silently ignored setting.</summary>
    public void ThrowOnUnknown()
    {
        foreach (string name in _options.Keys.Concat(_flags))
            if (!_read.Contains(name)) throw new UsageException($"unknown option --{name}");
    }

    /// <summary>Integers with an optional binary suffix (k, M, G) or a 0x hex prefix: <c>20M</c>, <c>0x27</c>.</summary>
    internal static long? ParseSize(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex) ? hex : null;
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        var digits = scale == 1 ? text.AsSpan() : text.AsSpan(0, text.Length - 1);
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v * scale : null;
    }
}
