using DeviceBench.Host.Boards.Lava;

namespace DeviceBench.Host.Tests.Boards.Lava;

/// <summary>Lines as lava-run 2023.01 printed them (and lava-server's /logs/ serves them, prefixed "- ").</summary>
public class LavaLogTests
{
    private const string Target = """{"dt": "2026-12-01T01:38:59.535636", "lvl": "target", "msg": "#DB1 READY pid=42 *ABCD"}""";
    private const string Measured = """{"dt": "2026-12-01T01:35:03.269347", "lvl": "results", "msg": {"case": "rss", "definition": "0_devicebench", "endtc": ! "457", "measurement": ! "3801088.0", "result": "pass", "starttc": ! "457", "units": "bytes"}}""";
    private const string Job = """{"dt": "2026-12-01T01:35:04.650317", "lvl": "results", "msg": {"case": "job", "definition": "lava", "result": "pass"}}""";

    [Fact]
    public void Tagged_numbers_are_read_and_measurements_keep_their_units()
    {
        var log = LavaLog.Parse([Measured, Job]);
        Assert.Equal([new LavaTestCase("0_devicebench", "rss", "pass", 3801088m, "bytes"), new LavaTestCase("lava", "job", "pass", null, null)], log.TestCases);
    }

    [Fact]
    public void Board_lines_come_from_target_entries_in_order_with_or_without_the_list_prefix()
    {
        string info = """{"dt": "2026-12-01T01:35:04.650038", "lvl": "info", "msg": "Job finished correctly"}""";
        var log = LavaLog.Parse([$"- {Target}", info, "not a log entry", "{broken", Target.Replace("READY pid=42", "END", StringComparison.Ordinal)]);
        Assert.Equal(["#DB1 READY pid=42 *ABCD", "#DB1 END *ABCD"], log.BoardLines);
        Assert.Empty(log.TestCases);
    }

    [Fact]
    public void Double_quotes_the_dispatcher_escaped_are_what_the_board_printed()
    {
        // lava-run's shell logger writes a printed {"a":1} as {\"a\":1} inside the YAML string.
        string line = """{"dt": "2026-12-01T04:49:25.973689", "lvl": "target", "msg": "[?1h=x {\\\"a\\\":1}"}""";
        Assert.Equal(["[?1h=x {\"a\":1}"], LavaLog.Parse([line]).BoardLines);
    }

    [Fact]
    public void Empty_log_has_nothing()
    {
        var log = LavaLog.Parse([]);
        Assert.Empty(log.BoardLines);
        Assert.Empty(log.TestCases);
    }
}
