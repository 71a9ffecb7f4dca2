using System.Globalization;
using System.Net;
using System.Text;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Commands;

/// <summary>
/// The firmware's command line: <c>--key value</c> options, bare <c>--flag</c>s and everything after <c>--</c>.
/// Hand-rolled rather than System.CommandLine to keep the board binary and its baseline small. Options are declared by
/// being read; each read checks its value, and <see cref="ThrowIfInvalid"/> then reports every mistake at once — bad
/// values, options nobody read, stray arguments — one line each, so a command line is fixed in one round.
/// </summary>
internal sealed class Args
{
    // A null value: the option came last, without one. An error only if the option exists (read), else it is unknown.
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];

    public Args(IEnumerable<string> args, IReadOnlySet<string> flagNames)
    {
        using var e = args.GetEnumerator();
        bool more = e.MoveNext();
        while (more)
        {
            string arg = e.Current;
            more = e.MoveNext();
            if (arg == "--")
            {
                for (; more; more = e.MoveNext()) Rest.Add(e.Current);
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                _errors.Add($"unexpected argument '{arg}'");
                continue;
            }
            string name = arg[2..];
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) _options[name[..eq]] = name[(eq + 1)..];
            else if (flagNames.Contains(name)) _flags.Add(name);
            // The next option is no value: "--frobnicate --port 80" is an unknown option, not a frobnicate of "--port".
            else if (more && !e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                _options[name] = e.Current;
                more = e.MoveNext();
            }
            else _options[name] = null;
        }
    }

    public List<string> Rest { get; } = [];

    /// <summary>The mistakes found so far, one message each (without the program name).</summary>
    public IReadOnlyList<string> Errors => _errors;

    public bool Flag(string name)
    {
        _read.Add(name);
        return _flags.Contains(name);
    }

    /// <summary>Whether the option was given, with or without a value.</summary>
    public bool Has(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        if (!_options.TryGetValue(name, out string? text)) return null;
        if (text is null) _errors.Add($"--{name} needs a value");
        return text;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; null if absent or wrong (recorded).</summary>
    public long? Int64(string name, long min, long max = long.MaxValue)
    {
        string? text = String(name);
        if (text is null) return null;
        long? value = ParseSize(text);
        if (value is { } v && v >= min && v <= max) return v;
        _errors.Add(value is null ? $"--{name} must be a number {Range(min, max)}, got '{text}'" : $"--{name} must be {Range(min, max)}, got {text}");
        return null;
    }

    public int? Int32(string name, int min, int max = int.MaxValue) => (int?)Int64(name, min, max);

    /// <summary>One of <paramref name="choices"/>; null if absent or not one of them (recorded).</summary>
    public string? Choice(string name, IReadOnlyList<string> choices)
    {
        string? text = String(name);
        if (text is null) return null;
        var names = new StringBuilder();
        for (int k = 0; k < choices.Count; k++)
        {
            if (choices[k] == text) return text;
            names.Append(k == 0 ? "" : k == choices.Count - 1 ? " or " : ", ").Append(choices[k]);
        }
        _errors.Add($"--{name} must be {names}, got '{text}'");
        return null;
    }

    public IPAddress? Address(string name)
    {
        string? text = String(name);
        if (text is null) return null;
        if (ParseAddress(text) is { } address) return address;
        _errors.Add($"--{name} must be an IP address, got '{text}'");
        return null;
    }

    /// <summary>
    /// Dotted-quad IPv4 or IPv6 (RFC 4291 §2.2), with an IPv6 zone by interface name or index (<c>fe80::1%eth0</c>).
    /// </summary>
    /// <remarks>
    /// inet_pton and if_nametoindex, not <see cref="IPAddress.TryParse(string, out IPAddress)"/>: its zone lookup goes
    /// through System.Native's networking shim, whose object also calls getaddrinfo, and in the statically linked lean
    /// build that bound glibc's resolver and user database (NSS) into the file. Together with <see cref="Libc.DirectoryNames"/>,
    /// the other door to the same code, 99,976 bytes of the lean build.
    /// </remarks>
    internal static unsafe IPAddress? ParseAddress(string text)
    {
        byte* bytes = stackalloc byte[16];
        if (Libc.InetPton(Libc.AfInet, text, bytes) == 1) return new IPAddress(new ReadOnlySpan<byte>(bytes, 4));
        int percent = text.IndexOf('%', StringComparison.Ordinal);
        if (Libc.InetPton(Libc.AfInet6, percent < 0 ? text : text[..percent], bytes) != 1) return null;
        uint zone = 0;
        if (percent >= 0)
        {
            string name = text[(percent + 1)..];
            zone = uint.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out uint index) ? index : name.Length > 0 ? Libc.InterfaceIndex(name) : 0;
            if (zone == 0) return null;
        }
        return new IPAddress(new ReadOnlySpan<byte>(bytes, 16), zone);
    }

    /// <summary>Records a mistake only the command can see (options that exclude each other, a value's own syntax).</summary>
    public void Error(string message) => _errors.Add(message);

    /// <exception cref="UsageException">Something was wrong: every mistake, one line each.</exception>
    public void ThrowIfInvalid()
    {
        // Unknown options first: a typo usually explains the mistakes that follow it. Loops, not LINQ: each LINQ
        // operator instantiated here costs the Native AOT binary a few kB, for a command line read once.
        var lines = new List<string>();
        foreach (string option in _options.Keys) if (!_read.Contains(option)) lines.Add($"unknown option --{option}");
        foreach (string flag in _flags) if (!_read.Contains(flag)) lines.Add($"unknown option --{flag}");
        lines.AddRange(_errors);
        if (lines.Count > 0) throw new UsageException(string.Join('\n', lines));
    }

    /// <summary>Integers with an optional binary suffix (k, M, G) or a 0x hex prefix: <c>20M</c>, <c>0x27</c>.</summary>
    internal static long? ParseSize(string text)
    {
        if (text.Length == 0) return null;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex) && hex >= 0 ? hex : null;
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        var digits = scale == 1 ? text.AsSpan() : text.AsSpan(0, text.Length - 1);
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)) return null;
        return v > long.MaxValue / scale || v < long.MinValue / scale ? null : v * scale;
    }

    private static string Range(long min, long max) => max == long.MaxValue ? $"{min} or more" : $"{min}-{max}";
}
