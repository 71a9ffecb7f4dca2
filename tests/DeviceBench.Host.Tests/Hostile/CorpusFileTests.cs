using System.Text;
using DeviceBench.Host.Hostile.Corpus;

namespace DeviceBench.Host.Tests.Hostile;

public class CorpusFileTests
{
    private const string Two = """
        # a comment
        == first
        category: framing
        expect: 400|431
        > GET / HTTP/1.1\r\n
        > Host: a\r\n\r\n

        == second
        expect: 505|silent
        close: optional
        send: bytewise
        hides: /smuggled
        > A\0\x7F\\
        >*3 ab
        >  lead
        """;

    [Fact]
    public void Parser_reads_names_expectations_and_bytes()
    {
        var cases = CorpusFile.Parse(Two);
        Assert.Equal(["first", "second"], cases.Select(c => c.Name));
        var first = cases[0];
        Assert.Equal([400, 431], first.ExpectedStatuses);
        Assert.Equal(("framing", false, true, null as string, 2), (first.Category, first.OneBytePerWrite, first.CloseRequired, first.HiddenRequestPath, first.Line));
        Assert.Equal("GET / HTTP/1.1\r\nHost: a\r\n\r\n", Encoding.ASCII.GetString(first.Request));
    }

    [Fact]
    public void Parser_reads_escapes_repeats_and_options()
    {
        var second = CorpusFile.Parse(Two)[1];
        Assert.Equal([(byte)'A', 0, 0x7F, (byte)'\\', .. "ababab"u8, .. " lead"u8], second.Request);
        Assert.Equal((true, false, true, "/smuggled", "505|silent"),
            (second.OneBytePerWrite, second.CloseRequired, second.SilentCloseAllowed, second.HiddenRequestPath, second.ExpectedText));
    }

    [Theory]
    [InlineData("> GET\n", 1, "before the first")]
    [InlineData("== a\n> x\n", 1, "no status")]
    [InlineData("== a\nexpect: 400\n", 1, "no request bytes")]
    [InlineData("== a\nexpect: 400\nwhen: now\n> x\n", 3, "unknown key")]
    [InlineData("== a\nexpect: 4000\n> x\n", 2, "not an HTTP status")]
    [InlineData("== a\nexpect: 400\n> \\q\n", 3, "unknown escape")]
    [InlineData("== a\nexpect: 400\n> \\x4\n", 3, "unknown escape")]
    [InlineData("== a\nexpect: 400\n>*0 x\n", 3, "repeat count")]
    [InlineData("== a\nexpect: 400\n> x\n== a\nexpect: 400\n> y\n", 4, "appears twice")]
    [InlineData("== two words\nexpect: 400\n> x\n", 1, "one word")]
    public void Parser_names_the_line_of_a_mistake(string text, int line, string message)
    {
        var e = Assert.Throws<CorpusFormatException>(() => CorpusFile.Parse(text, "c.txt"));
        Assert.StartsWith($"c.txt:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_round_trip_every_byte()
    {
        byte[] all = [.. Enumerable.Range(0, 256).Select(b => (byte)b)];
        Assert.Equal(all, CorpusEscapes.Decode(CorpusEscapes.Encode(all)));
    }
}
