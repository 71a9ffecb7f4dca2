using DeviceBench.Host.Hostile.Corpus;
using DeviceBench.IntegrationTests.Conformance;
using DeviceBench.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace DeviceBench.IntegrationTests.Hostile;

/// <summary>
/// The hostile-request corpus (host/DeviceBench.Host/Hostile/Corpus/hostile-requests.txt) against every contender's published build. Both C#
/// engines must answer each case as the corpus expects and close; every contender must survive each case, never
/// answer a hidden request, and serve a normal client right after. The contenders' own statuses are printed.
/// </summary>
public class CorpusTests(ContenderServers servers, ITestOutputHelper output) : IClassFixture<ContenderServers>
{
    private static readonly IReadOnlyList<CorpusCase> Cases =
        CorpusFile.Load(Path.Combine(Artifacts.RepositoryRoot, "host", "DeviceBench.Host", "Hostile", "Corpus", "hostile-requests.txt"));

    [Theory]
    [MemberData(nameof(Contender.Names), MemberType = typeof(Contender))]
    public async Task Every_case_is_refused_closed_and_survived(string contender)
    {
        var server = servers.Get(contender);
        var outcomes = await new CorpusRunner("127.0.0.1", server.Port).RunAllAsync(Cases);
        bool csharp = contender.StartsWith("csharp-", StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var o in outcomes)
        {
            string? deviation = contender == "csharp-kestrel" ? CorpusKnownDeviations.Kestrel.GetValueOrDefault(o.Name)
                : CorpusKnownDeviations.Contenders.GetValueOrDefault((contender, o.Name));
            bool knownSmuggle = CorpusKnownDeviations.Smuggles.ContainsKey((contender, o.Name));
            string note = deviation is not null ? $"  (known: {deviation})" : knownSmuggle ? "  (known smuggle)" : "";
            output.WriteLine($"{contender,-15} {o.Name,-40} expect {o.Expected,-12} got {o.Summary}{note}");
            if (!o.ServerAlive) failures.Add($"{o.Name}: server not serving afterwards: {o.Problem}");
            else if (o.Smuggled && !knownSmuggle) failures.Add($"{o.Name}: SMUGGLED, answered {string.Join('+', o.Statuses)}");
            else if (csharp && deviation is null && !o.AsExpected) failures.Add($"{o.Name}: expected {o.Expected} and close, got {o.Summary}");
            else if (deviation is not null && o.AsExpected) failures.Add($"{o.Name}: listed as a known deviation but answered as expected ({o.Summary}): update the list");
        }
        Assert.False(server.HasExited, $"{contender} exited");
        Assert.True(failures.Count == 0, $"{contender}: {failures.Count} of {outcomes.Count} cases failed:\n{string.Join('\n', failures)}");
    }
}
