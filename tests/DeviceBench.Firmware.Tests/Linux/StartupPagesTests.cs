using System.Globalization;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware.Tests.Linux;

public class StartupPagesTests
{
    [Fact]
    public void The_executables_read_only_pages_leave_the_resident_set_and_the_process_runs_on()
    {
        string exe = Environment.ProcessPath!;
        long before = ResidentKb(exe, out long mappedKb);
        Assert.True(before > 0, $"{exe} has no resident read-only pages to give back");

        long advised = StartupPages.Release();

        Assert.Equal(mappedKb * 1024, advised);
        Assert.True(ResidentKb(exe, out _) < before);
    }

    [Fact]
    public void Writable_mappings_mappings_with_private_pages_and_other_files_are_left_alone()
    {
        string smaps = Path.GetTempFileName();
        try
        {
            // Addresses the test process does not map: an advice reaching madvise would fail and count nothing, so
            // a non-zero result can only come from a range the parser wrongly chose, and zero proves the filter.
            File.WriteAllLines(smaps,
            [
                "10000000-10001000 rw-p 00000000 08:01 42 /opt/fw", "Rss: 4 kB", "Anonymous: 0 kB",
                "10001000-10002000 r--p 00001000 08:01 42 /opt/fw", "Rss: 4 kB", "Anonymous: 4 kB",
                "10002000-10003000 r-xs 00002000 08:01 42 /opt/fw", "Rss: 4 kB", "Anonymous: 0 kB",
                "10003000-10004000 r-xp 00000000 08:01 43 /opt/fw-other", "Rss: 4 kB", "Anonymous: 0 kB",
            ]);
            Assert.Equal(0, StartupPages.Release(smaps, "/opt/fw"));
            Assert.Equal(0, StartupPages.Release(Path.Combine(smaps, "missing"), "/opt/fw"));
        }
        finally { File.Delete(smaps); }
    }

    // Resident kB of the executable's read-only private mappings without private pages (what Release advises); their size in mappedKb.
    private static long ResidentKb(string exe, out long mappedKb)
    {
        long resident = 0, mapped = 0, size = 0, rss = 0;
        bool candidate = false;
        mappedKb = 0;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            string[] f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (f[0].Contains('-', StringComparison.Ordinal) && f.Length >= 5)
            {
                candidate = f.Length == 6 && f[5].Trim() == exe && f[1][1] == '-' && f[1][3] == 'p';
                string[] range = f[0].Split('-');
                size = (long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) - long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)) / 1024;
            }
            else if (candidate && f[0] == "Rss:") rss = long.Parse(f[1], CultureInfo.InvariantCulture);
            else if (candidate && f[0] == "Anonymous:" && f[1] == "0")
            {
                resident += rss;
                mapped += size;
            }
        }
        mappedKb = mapped;
        return resident;
    }
}
