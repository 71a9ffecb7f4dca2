namespace DeviceBench.Firmware.Commands;

/// <summary>A command line the firmware cannot run: printed with the usage text, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
