namespace DeviceBench.Cli;

/// <summary>An exception's message as a user of the command line should read it, without .NET's own decorations.</summary>
internal static class ErrorText
{
    /// <summary>The message without the <c> (Parameter 'name')</c> that .NET appends to an ArgumentException's.</summary>
    public static string Of(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string suffix = $" (Parameter '{(e as ArgumentException)?.ParamName}')";
        return e is ArgumentException { ParamName: not null } && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
