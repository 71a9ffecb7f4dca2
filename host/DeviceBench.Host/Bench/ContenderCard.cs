namespace DeviceBench.Host.Bench;

/// <summary>
/// What was built and deployed for one contender, copied from the artifacts' manifest.tsv (scripts/manifest.sh) when
/// the run starts: the binary the contender runs as (under <c>watch</c> for Rust and Go), its size and sha256.
/// </summary>
/// <param name="Artifact">The manifest's name of the binary: <c>devicebench-fw-minimal</c>, <c>rust-hyper</c>.</param>
/// <param name="File">Relative to the artifacts folder of the run's architecture.</param>
/// <param name="Flavour">How it was built (lean or full firmware, LTO, stripped); null from a manifest older than the column.</param>
/// <param name="BuildSeconds">The build's wall time on the host that built it (scripts/build.sh); null from a manifest older than the column.</param>
/// <param name="Clean">Built from nothing (<c>build.sh --clean</c>: no target, obj or compiler cache; dependencies on disk), not incrementally.</param>
public sealed record ContenderCard(string Contender, string Artifact, string Toolchain, string? Flavour, long SizeBytes, string Sha256, string File,
    double? BuildSeconds = null, bool Clean = false);
