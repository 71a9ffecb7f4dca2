using System.Net.Sockets;
using System.Text;

namespace DeviceBench.Host.Hostile.Corpus;

/// <summary>
/// Runs corpus cases against a server at host:port: each case on a fresh connection, then a normal client on
/// another, so a case that kills, wedges or desynchronises the server is caught by the case that caused it.
/// </summary>
public sealed class CorpusRunner(string host, int port, CorpusRunSettings? settings = null)
{
    private static readonly byte[] NormalRequest = "GET / HTTP/1.1\r\nHost: devicebench\r\n\r\n"u8.ToArray();
    private readonly CorpusRunSettings _settings = settings ?? new CorpusRunSettings();

    public async Task<IReadOnlyList<CorpusOutcome>> RunAllAsync(IEnumerable<CorpusCase> cases, Action<CorpusOutcome>? onOutcome = null,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new List<CorpusOutcome>();
        foreach (var c in cases)
        {
            var outcome = await RunAsync(c, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            onOutcome?.Invoke(outcome);
        }
        return outcomes;
    }

    public async Task<CorpusOutcome> RunAsync(CorpusCase c, CancellationToken cancellationToken = default)
    {
        CorpusConnection.Exchange exchange;
        try
        {
            using var socket = await CorpusConnection.ConnectAsync(host, port, _settings.ResponseTimeout, cancellationToken).ConfigureAwait(false);
            exchange = await CorpusConnection.ExchangeAsync(socket, c.Request, c.OneBytePerWrite, _settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new CorpusOutcome(c.Name, c.Category, c.ExpectedText, c.CloseRequired, [], false, true, false, false, $"could not connect for the case: {e.Message}");
        }
        var scan = CorpusResponseScan.Parse(exchange.Received);
        string? problem = await CheckNormalClientAsync(cancellationToken).ConfigureAwait(false);
        return new CorpusOutcome(c.Name, c.Category, c.ExpectedText, c.CloseRequired, scan.Statuses, exchange.ClosedByServer, exchange.TimedOut,
            exchange.WriteCutShort, problem is null, problem);
    }

    /// <summary>Null when a plain <c>GET /</c> is answered 200 "Hello, World!"; otherwise what went wrong.</summary>
    public async Task<string?> CheckNormalClientAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var socket = await CorpusConnection.ConnectAsync(host, port, _settings.ResponseTimeout, cancellationToken).ConfigureAwait(false);
            var quick = _settings with { CloseTimeout = TimeSpan.Zero };
            var exchange = await CorpusConnection.ExchangeAsync(socket, NormalRequest, false, quick, cancellationToken).ConfigureAwait(false);
            var scan = CorpusResponseScan.Parse(exchange.Received);
            string text = Encoding.ASCII.GetString(exchange.Received);
            return scan.Statuses is [200, ..] && text.Contains("\r\n\r\nHello, World!", StringComparison.Ordinal) ? null
                : exchange.Received.Length == 0 ? (exchange.TimedOut ? "normal GET / got no answer" : "normal GET / was closed unanswered")
                : $"normal GET / got: {CorpusEscapes.Encode(exchange.Received.AsSpan(0, Math.Min(exchange.Received.Length, 120)))}";
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"normal GET / could not connect: {e.Message}";
        }
    }
}
