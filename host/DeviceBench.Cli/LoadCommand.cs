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
        var connections = BoundedOption.Number("--connections", "-c", "Connections to keep open", 1, LoadOptions.MaxConnections, 64);
        var duration = BoundedOption.Duration("--duration", "-d", "Measurement length, after the warm-up (30s, 2m, ...)", TimeSpan.FromSeconds(10),
            LoadOptions.MaxDuration);
        var threads = BoundedOption.Number("--threads", "-t", "Event-loop threads", 1, LoadOptions.MaxThreads,
            Math.Min(Environment.ProcessorCount, LoadOptions.MaxThreads));
        var warmup = BoundedOption.Duration("--warmup", "-w", "Load applied first and discarded", TimeSpan.Zero, LoadOptions.MaxDuration, allowZero: true);
        var rate = BoundedOption.OptionalNumber("--rate", "-R", "Open loop: requests/s over all connections, timed from each request's planned start",
            LoadOptions.MinRatePerSecond, LoadOptions.MaxRatePerSecond);
        var pipeline = BoundedOption.Number("--pipeline", "-p", "HTTP/1.1 requests in flight per connection", 1, LoadOptions.MaxPipeline, 1);
        var timeout = BoundedOption.Duration("--timeout", null, "A request unanswered this long is a timeout error", TimeSpan.FromSeconds(2),
            LoadOptions.MaxTimeout);
        var headers = new Option<KeyValuePair<string, string>[]>("--header", "-H")
        {
            Description = "Extra request header \"Name: value\" (repeatable)", HelpName = "header", CustomParser = ParseHeaders,
        };
        var method = new Option<string>("--method", "-m") { Description = "Request method", DefaultValueFactory = _ => "GET", CustomParser = ParseMethod };
        var body = new Option<byte[]?>("--body", "-b") { Description = "Request body text, or @FILE", HelpName = "text|@file", CustomParser = ParseBody };
        var expectStatus = BoundedOption.OptionalNumber("--expect-status", null, "The only acceptable status (default: any 2xx/3xx)", 100, 599);
        var expectLength = BoundedOption.OptionalNumber("--expect-length", null, "Body length every response must have", 0L, long.MaxValue);
        var json = OptionFiles.Create("--json", "Write the result as JSON (schema: load-result.schema.json)");
        var csv = OptionFiles.Create("--csv", "Write the per-interval time series as CSV");
        var hlog = OptionFiles.Create("--hlog", "Write HdrHistogram interval logs (.hlog)");
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
                    Headers = parse.GetValue(headers) ?? [],
                    Method = parse.GetValue(method) ?? "GET",
                    Body = parse.GetValue(body),
                    ExpectedStatus = parse.GetValue(expectStatus),
                    ExpectedBodyBytes = parse.GetValue(expectLength),
                };
                options.Validate();
                // Before the first socket: past the limit the runtime aborts (SIGABRT) instead of failing a connect.
                _ = OpenFileBudget.Reserve(options.DescriptorsNeeded, options.Connections);
            }
            catch (ArgumentException e)
            {
                return await CommandRunner.FailAsync("load", e.Message, ExitCodes.Usage).ConfigureAwait(false);
            }

            var outputs = new[] { ("--json", parse.GetValue(json)), ("--csv", parse.GetValue(csv)), ("--hlog", parse.GetValue(hlog)) };
            if (outputs.Select(o => OptionFiles.CheckWritable(o.Item1, o.Item2)).FirstOrDefault(p => p is not null) is { } unwritable)
            {
                return await CommandRunner.FailAsync("load", unwritable, ExitCodes.Usage).ConfigureAwait(false);
            }

            if (await ConnectProbe.FindProblemAsync(options.Url.DnsSafeHost, options.Url.Port, options.ConnectTimeout, cancellationToken)
                .ConfigureAwait(false) is { } unreachable)
            {
                return await CommandRunner.FailAsync("load", unreachable, ExitCodes.Failed).ConfigureAwait(false);
            }

            return await RunAsync(options, outputs[0].Item2, outputs[1].Item2, outputs[2].Item2, parse.GetValue(distribution), cancellationToken)
                .ConfigureAwait(false);
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

        LoadResult result;
        try
        {
            SummaryView.RenderHeader(console, options);
            result = await LoadEngine.RunAsync(options, new LoadObserverGroup(observers), cancellationToken).ConfigureAwait(false);
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
        }
        catch (Exception e) when (e is ArgumentException or IOException or System.Net.Sockets.SocketException or PlatformNotSupportedException)
        {
            return await CommandRunner.FailAsync("load", e.Message, ExitCodes.Failed).ConfigureAwait(false);
        }
        finally
        {
            disposables.ForEach(d => d.Dispose());
        }

        var verdict = LoadVerdict.Of(options, result);
        return verdict.Problem is null ? verdict.ExitCode : await CommandRunner.FailAsync("load", verdict.Problem, verdict.ExitCode).ConfigureAwait(false);
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

    private static KeyValuePair<string, string>[] ParseHeaders(ArgumentResult result)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var text in result.Tokens.Select(t => t.Value))
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? text[..colon].Trim() : "";
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || text.Any(char.IsControl))
            {
                result.AddError($"{BoundedOption.Typed(result)} must be \"Name: value\" (got '{text}')");
                return [];
            }

            parsed.Add(new(name, text[(colon + 1)..].Trim()));
        }

        return [.. parsed];
    }

    private static string ParseMethod(ArgumentResult result)
    {
        var text = BoundedOption.Text(result);
        if (text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return text;
        }

        result.AddError($"{BoundedOption.Typed(result)} must be one word such as GET or POST (got '{text}')");
        return "GET";
    }

    /// <summary><c>-b text</c> sends the text (UTF-8), <c>-b @FILE</c> the file's bytes, as curl's <c>-d</c> does.</summary>
    private static byte[]? ParseBody(ArgumentResult result)
    {
        var text = BoundedOption.Text(result);
        if (text is not ['@', .. var path])
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return path.Length > 0 ? File.ReadAllBytes(path) : throw new FileNotFoundException();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result.AddError($"{BoundedOption.Typed(result)} {text}: {(path.Length > 0 ? OptionFiles.Describe(e, path) : "a file name must follow @")}");
            return null;
        }
    }
}
