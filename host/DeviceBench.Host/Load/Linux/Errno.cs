namespace DeviceBench.Host.Load.Linux;

/// <summary>errno values the engine reacts to (asm-generic, identical on x64 and arm64).</summary>
internal static class Errno
{
    public const int Interrupted = 4;
    public const int WouldBlock = 11;
    public const int InProgress = 115;
}
