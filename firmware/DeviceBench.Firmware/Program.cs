using DeviceBench.Firmware.Commands;
using DeviceBench.Firmware.Linux;

namespace DeviceBench.Firmware;

internal static class Program
{
#if WATCH
    private const string WatchLine = "\n  watch   run or attach to another server and report on it";
#else
    private const string WatchLine = "";
#endif

    private const string Usage = $"""
        usage: devicebench-fw COMMAND [options]
          serve   serve HTTP with an engine and report on itself{WatchLine}
          info    the board's identity
        devicebench-fw COMMAND --help lists a command's options; devicebench-fw --version prints the version.
        """;

    public static int Main(string[] args)
    {
        string command = args.Length > 0 ? args[0] : "";
        string[] rest = args.Length > 0 ? args[1..] : [];
        string? usage = command switch
        {
            "serve" => ServeCommand.Usage,
#if WATCH
            "watch" => WatchCommand.Usage,
#endif
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
            StandardStreams.Out.WriteLine(usage ?? Usage);
            return 0;
        }
        if (own.Contains("--version"))
        {
            StandardStreams.Out.WriteLine(Subject.FirmwareVersion);
            return 0;
        }
        try
        {
            return command switch
            {
                "serve" => ServeCommand.Run(new Args(rest, ReportSetup.FlagNames)),
#if WATCH
                "watch" => WatchCommand.RunAsync(new Args(rest, ReportSetup.FlagNames)).GetAwaiter().GetResult(),
#else
                "watch" => NotInThisBuild(command, "the full build (fw/devicebench-fw) has it"),
#endif
                "info" => InfoCommand.Run(new Args(rest, new HashSet<string>()), StandardStreams.Out),
                "" => throw new UsageException("no command given"),
                _ when command.StartsWith('-') => throw new UsageException($"unknown option {command}"),
                _ => throw new UsageException($"unknown command '{command}'"),
            };
        }
        catch (UsageException e)
        {
            foreach (string line in e.Message.Split('\n')) StandardStreams.Error.WriteLine($"devicebench-fw: {line}");
            StandardStreams.Error.WriteLine(usage is null ? Usage : $"devicebench-fw {command} --help lists its options");
            return 2;
        }
        catch (IOException e)
        {
            StandardStreams.Error.WriteLine($"devicebench-fw: {e.Message}");
            return 1;
        }
    }

    // A command the full build has and this build leaves out (the lean board build: DeviceBench.Firmware.csproj says what
    // each leaves out and saves): a usage error, in one line.
    private static int NotInThisBuild(string command, string where)
    {
        StandardStreams.Error.WriteLine($"devicebench-fw: {command} is not in this build; {where}");
        return 2;
    }
}
