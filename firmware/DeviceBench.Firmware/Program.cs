using DeviceBench.Firmware.Commands;

namespace DeviceBench.Firmware;

internal static class Program
{
    private const string Usage = """
        usage: devicebench-fw COMMAND [options]
          serve   serve HTTP with an engine and report on itself
          watch   run or attach to another server and report on it
          info    the board's identity
        devicebench-fw COMMAND --help lists a command's options; devicebench-fw --version prints the version.
        """;

    public static async Task<int> Main(string[] args)
    {
        string command = args.Length > 0 ? args[0] : "";
        string[] rest = args.Skip(1).ToArray();
        string? usage = command switch
        {
            "serve" => ServeCommand.Usage,
            "watch" => WatchCommand.Usage,
            "info" => InfoCommand.Usage,
            _ => null,
        };
        // --help and --version answer at the top level and for each command, wherever they stand before "--" (after
        // it they belong to the command watch runs).
        ReadOnlySpan<string> own = command.StartsWith('-') ? args : usage is not null ? rest : [];
        int end = own.IndexOf("--");
        if (end >= 0) own = own[..end];
        if (own.Contains("--help") || own.Contains("-h"))
        {
            Console.WriteLine(usage ?? Usage);
            return 0;
        }
        if (own.Contains("--version"))
        {
            Console.WriteLine(Subject.FirmwareVersion);
            return 0;
        }
        try
        {
            return command switch
            {
                "serve" => ServeCommand.Run(new Args(rest, ReportSetup.FlagNames)),
                "watch" => await WatchCommand.RunAsync(new Args(rest, ReportSetup.FlagNames)).ConfigureAwait(false),
                "info" => InfoCommand.Run(new Args(rest, new HashSet<string>()), Console.Out),
                "" => throw new UsageException("no command given"),
                _ when command.StartsWith('-') => throw new UsageException($"unknown option {command}"),
                _ => throw new UsageException($"unknown command '{command}'"),
            };
        }
        catch (UsageException e)
        {
            foreach (string line in e.Message.Split('\n')) Console.Error.WriteLine($"devicebench-fw: {line}");
            Console.Error.WriteLine(usage is null ? Usage : $"devicebench-fw {command} --help lists its options");
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"devicebench-fw: {e.Message}");
            return 1;
        }
    }
}
