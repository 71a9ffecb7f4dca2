using System.CommandLine;
using DeviceBench.Host.Bench;

namespace DeviceBench.Cli;

/// <summary>The saved run folder that <c>report</c> and <c>claims</c> read: its argument and its one-line refusal.</summary>
public static class RunFolderArgument
{
    public static Argument<DirectoryInfo> Create() => new("dir")
    {
        Description = "A run folder (results/<time>-<board>/) holding run.json", CustomParser = r => BoundedOption.PathOf(r, t => new DirectoryInfo(t)),
    };

    /// <summary>The run saved in <paramref name="directory"/>, or null after one line on stderr saying why it cannot be read.</summary>
    public static RunRecord? Load(string command, string directory)
    {
        try { return RunFolder.Load(directory); }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"devicebench {command}: {e.Message}");
            return null;
        }
    }
}
