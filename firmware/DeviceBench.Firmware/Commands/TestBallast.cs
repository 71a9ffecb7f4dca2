using System.Globalization;

namespace DeviceBench.Firmware.Commands;

/// <summary>
/// Fault injection for DeviceBench's own tests, not a feature: <c>DEVICEBENCH_TEST_BALLAST_MIB=N</c> makes <c>serve</c>
/// hold N MiB of touched memory from before READY to the end, so a test can make a real contender "grow" and check that
/// <c>devicebench compare --fail-on-regression</c> catches it. Left out of <c>--help</c> on purpose (firmware README,
/// "For tests"); unset, it costs nothing.
/// </summary>
internal static class TestBallast
{
    public const string Variable = "DEVICEBENCH_TEST_BALLAST_MIB";

    private const int MaxMebibytes = 1024;

    /// <summary>Held for the process's life: the point is that the sampler sees it in RSS.</summary>
    private static byte[]? _held;

    /// <exception cref="UsageException">The variable is set to something other than a whole number of MiB from 1 to 1024.</exception>
    public static void ApplyFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text)) return;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int mebibytes) || mebibytes is < 1 or > MaxMebibytes)
            throw new UsageException($"{Variable}={text}: a whole number of MiB from 1 to {MaxMebibytes}");
        var ballast = GC.AllocateUninitializedArray<byte>(mebibytes << 20, pinned: true);
        // A page the process never writes is not resident: write one byte in every 4 KiB page so RSS holds all of it.
        for (int i = 0; i < ballast.Length; i += 4096) ballast[i] = 1;
        _held = ballast;
    }
}
