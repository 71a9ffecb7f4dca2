using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using DeviceBench.Cli.Load;
using DeviceBench.Host.Load;
using Spectre.Console;

namespace DeviceBench.Cli;

/// <summary><c>devicebench load URL</c>: the load engine, closed loop by default, open loop with <c>--rate</c>.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var url = new Argument<Uri>("url") { Description = "http:// URL to load", CustomParser = ParseUrl };
        var connections = new Option<int>("--connections", "-c") { Description = "Connections to keep open", DefaultValueFactory = _ => 64 };
        var duration = DurationOption("--duration", "-d", "Measurement length, after the warm-up (30s, 2m, ...)", "10s");
        var threads = new Option<int>("--threads", "-t") { Description = "Event-loop threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var warmup = DurationOption("--warmup", "-w", "Load applied first and discarded", "0s");
        var rate = new Option<double?>("--rate", "-R") { Description = "Open loop: requests/s over all connections, timed from each request's planned start" };
        var pipeline = new Option<int>("--pipeline", "-p") { Description = "HTTP/1.1 requests in flight per connection", DefaultValueFactory = _ => 1 };
        var timeout = DurationOption("--timeout", null, "A request unanswered this long is a timeout error", "2s");
        var headers = new Option<string[]>("--header", "-H") { Description = "Extra request header \"Name: value\" (repeatable)", AllowMultipleArgumentsPerToken = false };
        var method = new Option<string>("--method", "-m") { Description = "Request method", DefaultValueFactory = _ => "GET" };
        var body = new Option<string?>("--body", "-b") { Description = "Request body text, or @FILE" };
        var expectStatus = new Option<int?>("--expect-status") { Description = "The only acceptable status (default: any 2xx/3xx)" };
        var expectLength = new Option<long?>("--expect-length") { Description = "Body length every response must have" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the result as JSON (schema: load-result.schema.json)" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write the per-interval time series as CSV" };
        var hlog = new Option<FileInfo?>("--hlog") { Description = "Write HdrHistogram interval logs (.hlog)" };
        var distribution = new Option<bool>("--distribution") { Description = "Print the full latency percentile distribution" };

        var command = new Command("load", "Drive HTTP load at a server and measure throughput, latency and errors")
        {
            url, connections, duration, threads, warmup, rate, pipeline, timeout, headers, method, body,
            expectStatus, expectLength, json, csv, hlog, distribution,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            LoadOptions options;
            try
            {
                options = new LoadOptions
                {
                    Url = parse.GetRequiredValue(url),
                    Connections = parse.GetValue(connections),
                    Duration = parse.GetValue(duration),
                    Threads = parse.GetValue(threads),
                    Warmup = parse.GetValue(warmup),
                    RatePerSecond = parse.GetValue(rate),
                    Pipeline = parse.GetValue(pipeline),
                    Timeout = parse.GetValue(timeout),
                    Headers = [.. (parse.GetValue(headers) ?? []).Select(ParseHeader)],
                    Method = parse.GetValue(method) ?? "GET",
                    Body = ReadBody(parse.GetValue(body)),
                    ExpectedStatus = parse.GetValue(expectStatus),
                    ExpectedBodyBytes = parse.GetValue(expectLength),
                };
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync($"devicebench load: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            return await RunAsync(options, parse.GetValue(json), parse.GetValue(csv), parse.GetValue(hlog),
                parse.GetValue(distribution), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadOptions options, FileInfo? json, FileInfo? csv, FileInfo? hlog, bool distribution,
        CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var disposables = new List<IDisposable>();
        var observers = new List<ILoadObserver>();
        if (!Console.IsErrorRedirected)
        {
            observers.Add(new ProgressLine(Console.Error));
        }

        if (csv is not null)
        {
            var writer = new CsvIntervalWriter(csv.Create());
            disposables.Add(writer);
            observers.Add(writer);
        }

        if (hlog is not null)
        {
            var writer = new HlogIntervalWriter(hlog.Create());
            disposables.Add(writer);
            observers.Add(writer);
        }

        try
        {
            SummaryView.RenderHeader(console, options);
            var result = await LoadEngine.RunAsync(options, new LoadObserverGroup(observers), cancellationToken).ConfigureAwait(false);
            if (!Console.IsErrorRedirected)
            {
                ProgressLine.Clear(Console.Error);
            }

            SummaryView.Render(console, result, distribution);
            if (json is not null)
            {
                await using var stream = json.Create();
                LoadResultJsonContext.Write(stream, result);
            }

            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Net.Sockets.SocketException or PlatformNotSupportedException)
        {
            await Console.Error.WriteLineAsync($"devicebench load: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            disposables.ForEach(d => d.Dispose());
        }
    }

    private static Option<TimeSpan> DurationOption(string name, string? alias, string description, string defaultText)
    {
        var option = alias is null ? new Option<TimeSpan>(name) : new Option<TimeSpan>(name, alias);
        option.Description = description;
        option.HelpName = "duration";
        option.DefaultValueFactory = _ => DurationText.TryParse(defaultText, out var value) ? value : TimeSpan.Zero;
        option.CustomParser = result => Parse(result);
        return option;
    }

    private static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DurationText.TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration (examples: 30s, 500ms, 2m)");
        return TimeSpan.Zero;
    }

    private static Uri ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute URL (example: http://127.0.0.1:8080/)");
        return new Uri("http://invalid/");
    }

    private static KeyValuePair<string, string> ParseHeader(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0
            ? throw new ArgumentException($"header '{text}' is not \"Name: value\"")
            : new(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    private static ReadOnlyMemory<byte>? ReadBody(string? text) => text switch
    {
        null => null,
        ['@', .. var path] => File.ReadAllBytes(path),
        _ => Encoding.UTF8.GetBytes(text),
    };
}
