using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DeviceBench.Host.Boards.Lava;
using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Lava;

/// <summary>
/// A LAVA server's REST API on loopback, serving one finished job whose log is a real <c>lava-run</c> log: the job
/// (<c>/api/v0.2/jobs/ID/</c>), its log (<c>/logs/</c>, LAVA's YAML list), job submission (POST <c>/api/v0.2/jobs/</c>) and its test cases (<c>/tests/</c>, paginated
/// two to a page, with the definition in each case's metadata as lava-server keeps it). A stand-in for lava-server
/// (scripts/lava-server.sh runs the real one); it records the Authorization headers it saw.
/// </summary>
internal sealed class LavaRestServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly long _job;
    private readonly string _device;
    private readonly IReadOnlyList<string> _log;
    private readonly IReadOnlyList<LavaTestCase> _cases;
    private readonly Task _serve;

    public LavaRestServer(long job, string device, IReadOnlyList<string> log, IReadOnlyList<LavaTestCase> cases)
    {
        (_job, _device, _log, _cases) = (job, device, log, cases);
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public List<string?> Authorizations { get; } = [];

    /// <summary>Job definitions POSTed to <c>/api/v0.2/jobs/</c>; every one is answered with this server's one job.</summary>
    public List<string> Submitted { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            lock (Authorizations) Authorizations.Add(context.Request.Headers["Authorization"]);
            string path = context.Request.Url!.AbsolutePath;
            string prefix = $"/api/v0.2/jobs/{_job}/";
            if (context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream);
                using var submitted = JsonDocument.Parse(await reader.ReadToEndAsync());
                lock (Submitted) Submitted.Add(submitted.RootElement.GetProperty("definition").GetString()!);
            }
            (int status, string type, string body) = path switch
            {
                "/api/v0.2/jobs/" when context.Request.HttpMethod == "POST" => (201, "application/json", $"{{\"message\": \"job submitted\", \"job_ids\": [{_job}]}}"),
                _ when path == prefix => (200, "application/json", JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = _job, ["state"] = "Finished", ["health"] = "Complete", ["actual_device"] = _device, ["device_type"] = "qemu",
                    ["submit_time"] = "2026-12-01T01:00:00.000000Z", ["start_time"] = "2026-12-01T01:00:05.000000Z",
                })),
                _ when path == prefix + "logs/" => (200, "application/yaml", string.Concat(_log.Where(l => l.StartsWith('{')).Select(l => $"- {l}\n"))),
                _ when path == prefix + "tests/" => (200, "application/json", Page(context.Request.QueryString["offset"])),
                _ => (404, "application/json", "{\"detail\": \"Not found.\"}"),
            };
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private string Page(string? offsetText)
    {
        int offset = int.TryParse(offsetText, CultureInfo.InvariantCulture, out int o) ? o : 0;
        const int PageSize = 2;
        var page = _cases.Skip(offset).Take(PageSize).Select((c, i) => new Dictionary<string, object?>
        {
            // The shape lava-server 2023.01 answers with (recorded from scripts/lava-server.sh's server).
            ["id"] = offset + i + 1, ["result"] = c.Result, ["unit"] = c.Units ?? "", ["name"] = c.Name,
            ["measurement"] = c.Measurement?.ToString("0.0000000000", CultureInfo.InvariantCulture),
            ["metadata"] = $"case: {c.Name}\ndefinition: {c.Suite}\nresult: {c.Result}\n", ["suite"] = 2, ["test_set"] = null,
        });
        string? next = offset + PageSize < _cases.Count ? $"http://127.0.0.1:{Port}/api/v0.2/jobs/{_job}/tests/?limit={PageSize}&offset={offset + PageSize}" : null;
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["count"] = _cases.Count, ["next"] = next, ["previous"] = null, ["results"] = page });
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _serve.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
