using DeviceBench.Firmware.Commands;

namespace DeviceBench.Firmware;

internal static class Program
{
    private const string Usage = "usage: devicebench-fw serve|watch|info [options]   (devicebench-fw COMMAND --help)";

    public static async Task<int> Main(string[] args)
    {
        string command = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        if (rest is ["--help"] || rest is ["-h"])
        {
            Console.WriteLine(command == "watch" ? WatchCommand.Usage : command == "serve" ? ServeCommand.Usage : Usage);
            return 0;
        }
        try
        {
            return command switch
            {
                "serve" => ServeCommand.Run(new Args(rest, ReportSetup.FlagNames)),
                "watch" => await WatchCommand.RunAsync(new Args(rest, ReportSetup.FlagNames)).ConfigureAwait(false),
                "info" => InfoCommand.Run(Console.Out),
                _ => throw new UsageException(command.Length == 0 ? "no command given" : $"unknown command '{command}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"devicebench-fw: {e.Message}");
            Console.Error.WriteLine(command == "watch" ? WatchCommand.Usage : command == "serve" ? ServeCommand.Usage : Usage);
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"devicebench-fw: {e.Message}");
            return 1;
        }
    }
}
