namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>
/// One malformed or hostile request from the corpus: the exact bytes to write, how to write them, and the statuses
/// an RFC 9112-correct server may answer (a set where the RFC allows more than one, e.g. 400 or 431).
/// </summary>
/// <param name="Name">Unique, kebab-case: the row of every table.</param>
/// <param name="Category">The family of attack (framing, version, limits, ...), for grouping.</param>
/// <param name="ExpectedStatuses">Any of these is right; the connection must be closed after it either way.</param>
/// <param name="Request">The bytes written, escapes already decoded.</param>
/// <param name="OneBytePerWrite">Write each byte on its own (one TCP segment each): the parser must not care where input splits.</param>
/// <param name="CloseRequired">False for a well-framed request (an unknown method, an absolute-form target) that a server may answer and keep serving.</param>
/// <param name="SilentCloseAllowed">Closing without a word is also right (<c>expect: 400|silent</c>): e.g. an HTTP/2 preface, whose client could not read an HTTP/1.1 status.</param>
/// <param name="HiddenRequestPath">The bytes hide a complete second request for this path: answering it is smuggling.</param>
/// <param name="Line">Where the case starts in its corpus file.</param>
public sealed record CorpusCase(
    string Name,
    string Category,
    IReadOnlyList<int> ExpectedStatuses,
    byte[] Request,
    bool OneBytePerWrite,
    bool CloseRequired,
    bool SilentCloseAllowed,
    string? HiddenRequestPath,
    int Line)
{
    public string ExpectedText => string.Join('|', ExpectedStatuses) + (SilentCloseAllowed ? "|silent" : "");

    public override string ToString() => Name;
}
