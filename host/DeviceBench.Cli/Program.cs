using System.CommandLine;
using DeviceBench.Cli;

// One line per command: each command is one file that builds its own System.CommandLine Command.
var root = new RootCommand("devicebench: what an HTTP server really costs on a small board");
root.Subcommands.Add(LoadCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(ClaimsCommand.Create());
root.Subcommands.Add(MonitorCommand.Create());
root.Subcommands.Add(AttackCommand.Create());
root.Subcommands.Add(HostileCommand.Create());
root.Subcommands.Add(LavaCommand.Create());
// Ctrl-C cancels the running command; a bench then stops its contender and saves a partial run, which takes
// longer than System.CommandLine's default 2 s grace before it kills the process.
return await CommandRunner.RunAsync(root, args, terminationTimeout: TimeSpan.FromSeconds(20));
