namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>One response as <see cref="RawHttpClient"/> read it.</summary>
internal sealed record HttpResponse(int Status, IReadOnlyDictionary<string, string> Fields, string Body, string Raw)
{
    public string? Field(string name) => Fields.TryGetValue(name, out string? value) ? value : null;
}
