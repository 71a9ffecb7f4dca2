using System.CommandLine.Parsing;
using System.Globalization;

namespace DeviceBench.Cli;

/// <summary>
/// Option values parsed with messages in the user's terms: System.CommandLine's own name the .NET type
/// (<c>expected type 'System.Int32'</c>), and a duration too long for TimeSpan would throw out of <see cref="DurationText"/>.
/// </summary>
internal static class OptionText
{
    /// <summary>A custom parser for whole-number options (<c>--rounds</c>, <c>--baud</c>).</summary>
    public static int Whole(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)) return value;
        result.AddError($"{Name(result)}: '{text}' is not a whole number");
        return 0;
    }

    /// <summary>A custom parser for options that take several numbers (<c>--rates 100 200</c>).</summary>
    public static double[] Numbers(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var values = new double[result.Tokens.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string text = result.Tokens[i].Value;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                result.AddError($"{Name(result)}: '{text}' is not a number");
                return [];
            }
        }
        return values;
    }

    /// <summary>A custom parser for file and folder arguments: an empty or impossible path is named, not its .NET type.</summary>
    public static T PathOf<T>(ArgumentResult result, Func<string, T> create) where T : FileSystemInfo
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(create);
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        try
        {
            if (!string.IsNullOrWhiteSpace(text)) return create(text);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException) { }
        result.AddError($"{Name(result)}: '{text}' is not a path");
        return create(".");
    }

    /// <exception cref="FormatException">The text is not a duration this tool reads; the message names the option.</exception>
    public static TimeSpan Duration(string option, string? text)
    {
        try
        {
            if (DurationText.TryParse(text, out var value)) return value;
        }
        catch (OverflowException)
        {
            throw new FormatException($"{option}: '{text}' is too long a duration");
        }
        throw new FormatException($"{option}: '{text}' is not a duration (e.g. 15s, 500ms, 2m)");
    }

    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name.ToUpperInvariant();
}
