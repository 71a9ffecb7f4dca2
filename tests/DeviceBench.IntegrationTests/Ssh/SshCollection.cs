namespace DeviceBench.IntegrationTests.Ssh;

/// <summary>One sshd for every SSH test; they run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class SshCollection : ICollectionFixture<SshServer>
{
    public const string Name = "ssh";
}
