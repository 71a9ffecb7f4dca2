using System.Collections.Concurrent;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Conformance;

/// <summary>One running server per contender, started on first use and shared by the conformance cases.</summary>
public sealed class ContenderServers : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ServerProcess>> _servers = new();

    public ServerProcess Get(string name) => _servers.GetOrAdd(name, n => new Lazy<ServerProcess>(() => Contender.Start(n))).Value;

    public void Dispose()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated)) server.Value.Dispose();
    }
}
