using System.Runtime.InteropServices;
using DeviceBench.Firmware.Sampling;
using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Commands;

/// <summary>The BOOT record for what is measured, with the board's identity.</summary>
internal static class Subject
{
    /// <summary>The shared version (Directory.Build.props), as <c>--version</c>, <c>info</c> and BOOT print it, and as the host's <c>--version</c>.</summary>
    public static string FirmwareVersion => BuildVersion.Informational;

    public static BootRecord Boot(string mode, string subject, long pid) => new(FirmwareVersion, mode, Token(subject), pid,
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), Environment.ProcessorCount, BoardInfo.MemTotalBytes() ?? 0);

    /// <summary>Protocol values are tokens of [A-Za-z0-9._:/+-]; anything else becomes '_'.</summary>
    public static string Token(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('.' or '_' or ':' or '/' or '+' or '-')) chars[i] = '_';
        return chars.Length == 0 ? "_" : new string(chars);
    }
}
