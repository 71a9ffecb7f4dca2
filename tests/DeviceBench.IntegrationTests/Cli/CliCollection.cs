namespace DeviceBench.IntegrationTests.Cli;

/// <summary>The CLI edge tests start devicebench and servers on a 2-core machine; the Ctrl-C test times its signal, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "devicebench cli";
}
