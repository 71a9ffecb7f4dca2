namespace DeviceBench.Host.Bench;

/// <summary>What the bench tells whoever watches it (the CLI's live lines); the library itself prints nothing.</summary>
public interface IBenchProgress
{
    void Report(string message);
}
