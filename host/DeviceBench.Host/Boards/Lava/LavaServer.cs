using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// A LAVA server's REST API (v0.2): submit a job, read its state, its test cases and its log. The token goes in the
/// <c>Authorization</c> header only and is never part of a message or a URL.
/// </summary>
public sealed partial class LavaServer : IDisposable
{
    private readonly HttpClient _http;

    public LavaServer(Uri server, string? token)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        _http = new HttpClient { BaseAddress = new Uri(server.ToString().TrimEnd('/') + "/api/v0.2/"), Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
    }

    public Uri Server { get; }

    /// <summary>The server as a run's board names it: host[:port][/path].</summary>
    public string Name => (Server.Authority + Server.AbsolutePath).TrimEnd('/');

    public async Task<LavaJobState> GetJobAsync(long job, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"jobs/{job}/", cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new LavaJobState(job, Text(root, "state") ?? "Unknown", Text(root, "health") ?? "Unknown", Text(root, "actual_device"),
            Text(root, "device_type"), Time(root, "start_time") ?? Time(root, "submit_time"));
    }

    /// <summary>Every test case of the job, through the paginated <c>/tests/</c> list.</summary>
    public async Task<IReadOnlyList<LavaTestCase>> GetTestCasesAsync(long job, CancellationToken cancellationToken)
    {
        var cases = new List<LavaTestCase>();
        string? next = $"jobs/{job}/tests/?limit=500";
        while (next is not null)
        {
            using var document = await GetJsonAsync(next, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("results");
            foreach (var item in items.EnumerateArray())
            {
                // As lava-server 2023.01 lists a case: "suite" is an id, "unit" (singular) is "" when there is none, "measurement"
                // a decimal string, and the definition's name is in "metadata", the YAML LAVA logged for the case.
                string metadata = Text(item, "metadata") ?? "";
                string suite = DefinitionInMetadata().Match(metadata) is { Success: true } m ? m.Groups[1].Value : Text(item, "suite") ?? "";
                cases.Add(new LavaTestCase(suite, Text(item, "name") ?? "", Text(item, "result") ?? "", LavaLog.Number(Text(item, "measurement")),
                    Text(item, "unit") is { Length: > 0 } unit ? unit : null));
            }
            next = root.ValueKind == JsonValueKind.Object && Text(root, "next") is { Length: > 0 } url ? url : null;
        }
        return cases;
    }

    /// <summary>The job's log, one entry per line.</summary>
    public async Task<string[]> GetLogAsync(long job, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"jobs/{job}/logs/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        Check(response, $"job {job}'s log");
        return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Split('\n');
    }

    /// <summary>Submits a job definition; the id the server gave it.</summary>
    public async Task<long> SubmitAsync(string definition, CancellationToken cancellationToken)
    {
        // A body with its length: gunicorn hands Django an empty body for a chunked request (what JsonContent sends), and
        // lava-server then answers "definition: This field is required".
        using var content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["definition"] = definition }), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("jobs/", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new IOException($"{Name} refused the job ({(int)response.StatusCode}): {First(body)}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("job_ids")[0].GetInt64();
    }

    /// <summary>Polls the job until LAVA says it finished (or was cancelled).</summary>
    public async Task<LavaJobState> WaitAsync(long job, TimeSpan poll, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await GetJobAsync(job, cancellationToken).ConfigureAwait(false);
            if (state.IsFinished) return state;
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.RelativeOrAbsolute), cancellationToken).ConfigureAwait(false);
        Check(response, path);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try { return JsonDocument.Parse(body); }
        catch (JsonException e) { throw new IOException($"{Name} answered {path} with something that is not JSON: {First(body)}", e); }
    }

    private void Check(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        string hint = (int)response.StatusCode is 401 or 403 ? " (check the token)" : (int)response.StatusCode == 404 ? " (no such job?)" : "";
        throw new IOException($"{Name} answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}{hint}");
    }

    private static string? Text(JsonElement element, string name) => LavaLog.Text(element, name);

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        DateTimeOffset.TryParse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string First(string text)
    {
        string line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] : line;
    }

    [GeneratedRegex(@"definition'?""?:\s*'?""?([A-Za-z0-9_.-]+)")]
    private static partial Regex DefinitionInMetadata();

    public void Dispose() => _http.Dispose();
}
