using DeviceBench.Cli;
using DeviceBench.Cli.Load;
using DeviceBench.Host.Load;

namespace DeviceBench.Host.Tests.Cli;

public sealed class LoadVerdictTests
{
    private static readonly LoadOptions Asked = new() { Url = new Uri("http://127.0.0.1:8080/"), Connections = 4, Duration = TimeSpan.FromSeconds(10) };

    [Fact]
    public void A_run_that_measured_what_was_asked_succeeds() =>
        Assert.Equal(new LoadVerdict(ExitCodes.Success, null), LoadVerdict.Of(Asked, Result(requests: 1, opened: 4)));

    [Fact]
    public void No_request_completed_fails_and_names_the_errors() =>
        Assert.Equal(new LoadVerdict(ExitCodes.Failed, "no request completed in 10.0 s (192 connect, 3 timeout errors)"),
            LoadVerdict.Of(Asked, Result(requests: 0, opened: 0, connectErrors: 192, timeouts: 3)));

    [Fact]
    public void No_request_and_no_error_names_the_unanswered_ones() =>
        Assert.Equal(new LoadVerdict(ExitCodes.Failed, "no request completed in 10.0 s (4 requests unanswered)"),
            LoadVerdict.Of(Asked, Result(requests: 0, opened: 4, unfinished: 4)));

    [Fact]
    public void Fewer_connections_than_asked_fails_even_with_answers() =>
        Assert.Equal(new LoadVerdict(ExitCodes.Failed, "only 2 of 4 connections could be opened (2 connect errors)"),
            LoadVerdict.Of(Asked, Result(requests: 1_000, opened: 2, connectErrors: 2)));

    [Fact]
    public void An_interrupted_run_is_130_whatever_it_measured() =>
        Assert.Equal(new LoadVerdict(ExitCodes.Interrupted, "interrupted after 2.5 of 10 s measured"),
            LoadVerdict.Of(Asked, Result(requests: 0, opened: 0, stoppedBy: "cancelled", seconds: 2.5)));

    private static LoadResult Result(long requests, long opened, long connectErrors = 0, long timeouts = 0, long unfinished = 0,
        string stoppedBy = "duration", double seconds = 10) => new()
        {
            Settings = LoadSettings.From(Asked, 1), StartedUtc = DateTimeOffset.UnixEpoch, MeasuredSeconds = seconds, StoppedBy = stoppedBy,
            Requests = requests, RequestsPerSecond = requests / seconds, BytesRead = 0, BytesWritten = 0,
            Latency = new(requests, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null), Errors = new(connectErrors, 0, 0, timeouts, 0, 0, 0),
            Reconnects = 0, Unfinished = unfinished, Engine = new EngineHealth(0, 2, false, opened, 0, 1024, []), Intervals = [],
        };
}
