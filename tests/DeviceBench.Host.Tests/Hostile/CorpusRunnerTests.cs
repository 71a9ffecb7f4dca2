using System.Text;
using DeviceBench.Host.Hostile.Corpus;

namespace DeviceBench.Host.Tests.Hostile;

public class CorpusRunnerTests
{
    private static readonly CorpusRunSettings Quick = new()
    {
        ResponseTimeout = TimeSpan.FromMilliseconds(700), CloseTimeout = TimeSpan.FromMilliseconds(300), ByteWriteInterval = TimeSpan.Zero,
    };

    private static readonly CorpusCase ClTe = Case("cl-te", "POST / HTTP/1.1\r\nHost: b\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: bench\r\n\r\n");

    private static CorpusCase Case(string name, string request, bool bytewise = false) =>
        new(name, "test", [400], Encoding.ASCII.GetBytes(request), bytewise, true, false, "/smuggled", 1);

    private static Task<CorpusOutcome> Run(CorpusFakeServer server, CorpusCase c) => new CorpusRunner("127.0.0.1", server.Port, Quick).RunAsync(c);

    [Fact]
    public async Task A_server_that_answers_the_hidden_request_is_flagged_as_smuggling()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Naive);
        var outcome = await Run(server, ClTe);
        Assert.Equal([404, 404, 404], outcome.Statuses); // the head, "0\r\n\r\n" read as a head, and /smuggled
        Assert.True(outcome.Smuggled);
        Assert.False(outcome.AsExpected);
        Assert.True(outcome.ServerAlive);
        Assert.StartsWith("SMUGGLED", outcome.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_refuses_and_closes_is_as_expected(bool bytewise)
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Strict);
        var outcome = await Run(server, ClTe with { OneBytePerWrite = bytewise });
        Assert.Equal((400, true, false, true, true), (outcome.Status, outcome.ClosedByServer, outcome.Smuggled, outcome.ServerAlive, outcome.AsExpected));
        Assert.Equal("400 closed", outcome.Summary);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_and_fails_the_normal_client()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.Mute);
        var outcome = await Run(server, ClTe);
        Assert.Equal((null as int?, true, false, false), (outcome.Status, outcome.TimedOut, outcome.ServerAlive, outcome.AsExpected));
        Assert.Equal("normal GET / got no answer", outcome.Problem);
    }

    [Fact]
    public async Task A_server_that_dies_is_a_crash()
    {
        await using var server = new CorpusFakeServer(CorpusFakeServer.Mode.DiesAfterFirst);
        var outcome = await Run(server, ClTe);
        Assert.True(outcome.Crashed);
        Assert.Contains("could not connect", outcome.Problem, StringComparison.Ordinal);
        var report = new CorpusReport("t", "c", [outcome]);
        Assert.Equal((1, 0, false), (report.Crashes, report.AsExpected, report.Safe));
    }

    [Fact]
    public void Report_round_trips_through_json()
    {
        var outcome = new CorpusOutcome("a", "framing", "400|silent", true, [], true, false, false, true, null);
        Assert.True(outcome.AsExpected);
        var report = CorpusJsonContext.Deserialize(CorpusJsonContext.Serialize(new CorpusReport("127.0.0.1:1", "c.txt", [outcome])))!;
        Assert.Equal(("a", "silent close", 1), (report.Outcomes[0].Name, report.Outcomes[0].Summary, report.AsExpected));
    }
}
