namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>The corpus file is not well formed; the message starts with <c>file:line:</c>.</summary>
public sealed class CorpusFormatException : FormatException
{
    public CorpusFormatException() { }

    public CorpusFormatException(string message) : base(message) { }

    public CorpusFormatException(string message, Exception inner) : base(message, inner) { }
}
