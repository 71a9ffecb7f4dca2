using System.CommandLine;
using DeviceBench.Cli;

// One line per command: each command is one file that builds its own System.CommandLine Command.
var root = new RootCommand("devicebench: what an HTTP server really costs on a small board");
root.Subcommands.Add(LoadCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(MonitorCommand.Create());
return await root.Parse(args).InvokeAsync();
