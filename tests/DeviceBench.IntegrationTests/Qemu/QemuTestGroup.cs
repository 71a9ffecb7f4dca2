namespace DeviceBench.IntegrationTests.Qemu;

/// <summary>
/// Emulated-board tests run one class at a time and apart from other collections: each QEMU takes every host CPU it
/// can get, and bench runs on two boards (or a local one) would both bind the bench runner's fixed host ports (18000 + n).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QemuTestGroup
{
    public const string Name = "qemu";
}
