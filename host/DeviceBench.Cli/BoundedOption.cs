using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace DeviceBench.Cli;

/// <summary>
/// Options whose values are checked where they are parsed, against the range the engine can honour. An error names
/// the option as it was typed, what is allowed and what was given (<c>-c must be a whole number from 1 to 65,535
/// (got '0')</c>): never a .NET type name, and never a value big enough to overflow later.
/// </summary>
public static class BoundedOption
{
    public static Option<T> Number<T>(string name, string? alias, string description, T min, T max, T defaultValue)
        where T : struct, INumber<T>
    {
        var option = Create<T>(name, alias, description);
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result => ParseNumber(result, min, max) ?? defaultValue;
        return option;
    }

    public static Option<T?> OptionalNumber<T>(string name, string? alias, string description, T min, T max)
        where T : struct, INumber<T>
    {
        var option = Create<T?>(name, alias, description);
        option.CustomParser = result => ParseNumber(result, min, max);
        return option;
    }

    /// <summary>A duration typed as people type them (<see cref="DurationText"/>); help shows its default the same way (10s).</summary>
    /// <param name="allowZero">Zero is allowed (a warm-up of 0s is none); otherwise the duration must be positive.</param>
    public static Option<TimeSpan> Duration(string name, string? alias, string description, TimeSpan defaultValue, TimeSpan max,
        bool allowZero = false)
    {
        var option = Create<TimeSpan>(name, alias, description);
        option.HelpName = "duration";
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result => ParseDuration(result, max, allowZero) ?? defaultValue;
        return option;
    }

    /// <summary>A positive duration that may be left out (<c>monitor --duration</c>: until Ctrl-C).</summary>
    public static Option<TimeSpan?> OptionalDuration(string name, string? alias, string description, TimeSpan max)
    {
        var option = Create<TimeSpan?>(name, alias, description);
        option.HelpName = "duration";
        option.CustomParser = result => ParseDuration(result, max, allowZero: false);
        return option;
    }

    /// <summary>A whole number checked later against what it means (<c>bench --rounds</c>: <see cref="Host.Bench.BenchSettings"/>).</summary>
    public static int Whole(ArgumentResult result)
    {
        var text = Text(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{Typed(result)}: '{text}' is not a whole number");
        return 0;
    }

    /// <summary>Several numbers (<c>--rates 100 200</c>).</summary>
    public static double[] Numbers(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var values = new double[result.Tokens.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string text = result.Tokens[i].Value;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                result.AddError($"{Typed(result)}: '{text}' is not a number");
                return [];
            }
        }

        return values;
    }

    /// <summary>A file or folder argument: an empty or impossible path is named, not its .NET type.</summary>
    public static T PathOf<T>(ArgumentResult result, Func<string, T> create) where T : FileSystemInfo
    {
        ArgumentNullException.ThrowIfNull(create);
        string text = Text(result);
        try
        {
            if (!string.IsNullOrWhiteSpace(text)) return create(text);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException) { }
        result.AddError($"{Typed(result)}: '{text}' is not a path");
        return create(".");
    }

    /// <summary>The option as the user wrote it (<c>-c</c> or <c>--connections</c>), so the message points at their own words.</summary>
    public static string Typed(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : result.Argument.Name;
    }

    public static string Text(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
    }

    private static TimeSpan? ParseDuration(ArgumentResult result, TimeSpan max, bool allowZero)
    {
        var text = Text(result);
        if (DurationText.TryParse(text, out var value) && value <= max && (allowZero || value > TimeSpan.Zero))
        {
            return value;
        }

        var range = allowZero ? $"from 0s to {DurationText.Format(max)}" : $"above 0s, up to {DurationText.Format(max)}";
        result.AddError($"{Typed(result)} must be a duration {range}, such as 30s, 500ms or 2m (got '{text}')");
        return null;
    }

    private static Option<T> Create<T>(string name, string? alias, string description) =>
        alias is null ? new Option<T>(name) { Description = description } : new Option<T>(name, alias) { Description = description };

    private static T? ParseNumber<T>(ArgumentResult result, T min, T max)
        where T : struct, INumber<T>
    {
        var text = Text(result);
        // One half truncates to a whole number only in an integer type.
        var wholeNumbers = T.IsInteger(T.One / (T.One + T.One));
        var styles = wholeNumbers ? NumberStyles.Integer : NumberStyles.Float;
        // NaN fails both comparisons, and infinity the upper one, so neither gets through.
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"{Typed(result)} must be {(wholeNumbers ? "a whole number" : "a number")} from {min:#,0.##} to {max:#,0.##} (got '{text}')"));
        return null;
    }
}
