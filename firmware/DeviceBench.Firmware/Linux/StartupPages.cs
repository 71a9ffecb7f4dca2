using System.Buffers.Text;
using System.Text;

namespace DeviceBench.Firmware.Linux;

/// <summary>
/// Unmaps the resident pages of the firmware's own read-only code and data once it serves, so that what stays resident
/// is what serving and reporting touch again, not what starting did. The kernel maps a file's cached pages 64 kB
/// around each fault, so after start-up nearly all of a Native AOT binary's code counts in its RSS (2.3 MB of 2.3 MB
/// on the lean x64 build) although the serving path runs a fraction of it. The pages stay in the page cache; touching
/// one again maps it back from there (a minor fault, no I/O while the binary is cached).
/// Only mappings of the executable that are read-only and hold no private (copied-on-write) page are advised:
/// MADV_DONTNEED on those loses nothing, it rereads the file. Writable data is never touched.
/// </summary>
internal static partial class StartupPages
{
    private const int MadvDontNeed = 4;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nint length, int advice);

    /// <summary>Advises every such mapping of /proc/self/exe; returns the bytes advised (0 when /proc cannot tell).</summary>
    public static long Release() => Release("/proc/self/smaps", Environment.ProcessPath);

    // smaps is read through one 4 kB buffer and parsed as bytes: reading it as strings (~10,000 lines) grew the GC
    // heap by 170 kB, more than a third of what this gives back, and that garbage would stay until a first GC.
    internal static long Release(string smapsPath, string? executable)
    {
        if (executable is null) return 0;
        var ranges = new List<(nint Start, nint Length)>();
        try
        {
            using var handle = File.OpenHandle(smapsPath);
            byte[] name = Encoding.UTF8.GetBytes(executable);
            byte[] buffer = new byte[4096];
            int length = 0;
            long offset = 0;
            (nint Start, nint Length)? candidate = null;
            while (true)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(length), offset);
                offset += n;
                length += n;
                var text = buffer.AsSpan(0, length);
                int consumed = 0, newline;
                while ((newline = text[consumed..].IndexOf((byte)'\n')) >= 0)
                {
                    var line = text.Slice(consumed, newline);
                    consumed += newline + 1;
                    int space = line.IndexOf((byte)' ');
                    if (space > 0 && line[..space].Contains((byte)'-')) candidate = Mapping(line, name); // a mapping's header
                    else if (candidate is { } c && line.StartsWith("Anonymous:"u8))
                    {
                        if (line["Anonymous:"u8.Length..].Trim((byte)' ').SequenceEqual("0 kB"u8)) ranges.Add(c);
                        candidate = null;
                    }
                }
                if (n == 0) break;
                // A line longer than the buffer (a very long path) is not one of ours: drop it.
                if (consumed == 0 && length == buffer.Length) { length = 0; candidate = null; continue; }
                text[consumed..].CopyTo(buffer);
                length -= consumed;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        long advised = 0;
        foreach (var (start, length) in ranges)
            if (Madvise(start, length, MadvDontNeed) == 0) advised += length;
        return advised;
    }

    // "7f0ae6741000-7f0ae698d000 r-xp 00141000 08:01 1234 /path/to/devicebench-fw": a read-only, private mapping of it.
    private static (nint Start, nint Length)? Mapping(ReadOnlySpan<byte> line, ReadOnlySpan<byte> executable)
    {
        // Fields: range, perms, offset, device, inode, then the path (which may hold spaces).
        Span<Range> fields = stackalloc Range[5];
        int at = 0;
        for (int k = 0; k < 5; k++)
        {
            while (at < line.Length && line[at] == (byte)' ') at++;
            int width = line[at..].IndexOf((byte)' ');
            if (width <= 0) return null;
            fields[k] = at..(at + width);
            at += width;
        }
        var perms = line[fields[1]];
        if (perms.Length != 4 || perms[1] != (byte)'-' || perms[3] != (byte)'p') return null;
        if (!line[at..].Trim((byte)' ').SequenceEqual(executable)) return null;
        var range = line[fields[0]];
        int dash = range.IndexOf((byte)'-');
        if (dash < 0 || !Utf8Parser.TryParse(range[..dash], out ulong start, out int used, 'x') || used != dash
            || !Utf8Parser.TryParse(range[(dash + 1)..], out ulong end, out used, 'x') || used != range.Length - dash - 1) return null;
        return ((nint)start, (nint)(end - start));
    }
}
