namespace DeviceBench.Host.Reports;

/// <summary>
/// One claim of the seed post beside what a run measured: the post's Rust and Go figures and their ratio, this run's
/// rust-hyper and go-nethttp figures and theirs, the C# contenders for reference, and where the two are not comparable.
/// </summary>
public sealed record ClaimRow(
    string Claim,
    string PostRust,
    string PostGo,
    string PostRatio,
    string HereRust,
    string HereGo,
    string HereRatio,
    string HereCsharp,
    bool Comparable,
    string Note);
