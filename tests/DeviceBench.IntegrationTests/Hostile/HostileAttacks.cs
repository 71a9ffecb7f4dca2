namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// The attack classes run one after another and apart from every other test: an attack saturates the machine's two
/// cores, and a test beside it would measure the attack instead of its own subject.
/// </summary>
[CollectionDefinition(AttackCase.Collection, DisableParallelization = true)]
public sealed class HostileAttacks;
