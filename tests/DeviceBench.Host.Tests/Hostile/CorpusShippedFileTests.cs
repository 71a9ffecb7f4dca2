using System.Text;
using DeviceBench.Cli;
using DeviceBench.Host.Hostile.Corpus;

namespace DeviceBench.Host.Tests.Hostile;

/// <summary>The corpus as shipped beside the CLI: well formed, and covering every class of malformed request.</summary>
public class CorpusShippedFileTests
{
    private static readonly IReadOnlyList<CorpusCase> Cases = CorpusFile.Load(HostileCommand.DefaultCorpus);

    [Fact]
    public void Shipped_corpus_has_every_category_of_malformed_request()
    {
        Assert.True(Cases.Count >= 40, $"only {Cases.Count} cases");
        string[] categories = ["request-line", "method", "version", "host", "header-name", "obs-fold", "nul", "line-endings",
            "limits", "content-length", "transfer-encoding", "split"];
        Assert.All(categories, c => Assert.Contains(Cases, k => k.Category == c));
        Assert.Contains(Cases, c => c.OneBytePerWrite);
    }

    [Fact]
    public void Every_case_that_hides_a_request_really_holds_it_after_its_head()
    {
        var hiding = Cases.Where(c => c.HiddenRequestPath is not null).ToList();
        Assert.NotEmpty(hiding);
        Assert.All(hiding, c =>
        {
            string text = Encoding.Latin1.GetString(c.Request);
            int hidden = text.IndexOf($"GET {c.HiddenRequestPath} HTTP/1.1\r\n", StringComparison.Ordinal);
            Assert.True(hidden > text.IndexOf("\r\n\r\n", StringComparison.Ordinal) && hidden > 0, c.Name);
        });
    }

    [Fact]
    public void Statuses_are_client_or_server_errors_except_well_framed_cases()
    {
        Assert.All(Cases.Where(c => c.CloseRequired), c => Assert.All(c.ExpectedStatuses, s => Assert.InRange(s, 400, 599)));
    }
}
