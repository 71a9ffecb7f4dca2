namespace DeviceBench.Cli;

/// <summary>What a script can tell from a command's exit status; each command's help says which of these it gives.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed, or measured nothing (no request completed, the target refused).</summary>
    public const int Failed = 1;

    /// <summary>A bad option, argument or output path: nothing was run.</summary>
    public const int Usage = 2;

    /// <summary>EX_IOERR (sysexits.h): <c>bench</c>'s results disk filled up; the last good run.json is kept.</summary>
    public const int ResultsFolderFull = 74;

    /// <summary>EX_SOFTWARE (sysexits.h): an unexpected error, so a bug in devicebench is not mistaken for a failed measurement.</summary>
    public const int Software = 70;

    /// <summary>128 + SIGINT, as shells report Ctrl-C; what was measured until then has been written.</summary>
    public const int Interrupted = 130;
}
