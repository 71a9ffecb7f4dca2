using System.Text;

namespace DeviceBench.IntegrationTests.Ssh;

/// <summary>The "board" is this machine: its processes are visible in /proc, so a test can prove nothing was left running.</summary>
public static class BoardProcesses
{
    /// <summary>Live processes whose command line mentions <paramref name="text"/> (zombies have none and are not counted).</summary>
    public static List<string> Mentioning(string text)
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId) continue;
            try
            {
                string cmdline = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "cmdline"))).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal)) found.Add($"{pid}: {cmdline}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    public static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');

    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="timeout"/>; returns its last value.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout, int pollMillis = 50)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(pollMillis);
        }
        return true;
    }
}
