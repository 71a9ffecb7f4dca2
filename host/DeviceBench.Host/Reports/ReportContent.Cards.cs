using DeviceBench.Host.Bench;

namespace DeviceBench.Host.Reports;

internal static partial class ReportContent
{
    /// <summary>What ran where: the board as it described itself, and each contender's binary as the manifest lists it.</summary>
    private static void Cards(RunRecord run, IReportSink sink)
    {
        sink.Heading(2, "Board and contenders");
        if (run.BoardCard is { } board)
        {
            if (board.Emulated) sink.Warning("Emulated board: memory figures hold, but req/s and latency are an emulator's, not a real board's.");
            sink.Table(["board", run.Board],
            [
                ["CPU", board.CpuModel],
                ["cores", FigureText.Whole(board.Cores)],
                ["RAM", FigureText.Mebibytes(board.MemoryBytes)],
                ["kernel", board.Kernel],
                ["profile", board.Profile],
                ["emulated", board.Emulated ? "yes" : "no"],
            ]);
        }
        else sink.Paragraph("No board card: the board could not be asked (events.log says why), or a devicebench older than run.json schema 2 wrote this run.");
        if (run.ContenderCards.Count == 0)
        {
            sink.Paragraph("No contender card: the artifacts had no manifest.tsv when the run started, or an older devicebench wrote this run.");
            return;
        }
        sink.Table(["contender", "toolchain", "flavour", "binary", "size", "sha256"],
            [.. run.ContenderCards.Select(c => (IReadOnlyList<string>)[c.Contender, c.Toolchain, c.Flavour ?? "-", c.File,
                FigureText.Mebibytes(c.SizeBytes), c.Sha256.Length > 16 ? c.Sha256[..16] + "…" : c.Sha256])]);
        sink.Paragraph("From artifacts/<arch>/manifest.tsv (scripts/build.sh) when the run started. Rust and Go run under the firmware's watch "
            + "command, which measures them from /proc with the same code the C# engines use on themselves; binary size is of the contender's own "
            + "file. sha256 is shortened here; run.json has it whole.");
    }
}
