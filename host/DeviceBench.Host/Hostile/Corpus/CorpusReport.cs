namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>A whole corpus run against one server: the totals a summary line and an exit code are made of.</summary>
public sealed record CorpusReport(string Target, string Corpus, IReadOnlyList<CorpusOutcome> Outcomes)
{
    public int Cases => Outcomes.Count;

    public int AsExpected => Outcomes.Count(o => o.AsExpected);

    public int Crashes => Outcomes.Count(o => o.Crashed);

    public int Smuggled => Outcomes.Count(o => o.Smuggled);

    public int LeftOpen => Outcomes.Count(o => o.Status is not null && !o.ClosedByServer);

    /// <summary>The server survived every case and never answered a request it should not have seen.</summary>
    public bool Safe => Crashes == 0 && Smuggled == 0;

    public string SummaryLine =>
        $"{Cases} cases, {AsExpected} as expected, {Crashes} crashes, {Smuggled} smuggled, {LeftOpen} left open";
}
