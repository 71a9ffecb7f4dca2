using System.Text;

namespace DeviceBench.Host.Boards.Qemu;

/// <summary>
/// The control channel into the guest: a forwarded port to busybox httpd, whose one CGI runs the posted shell
/// script and answers with its output. Contenders are started and stopped through <c>db-ctl</c> this way.
/// </summary>
internal sealed class GuestControl(int hostPort) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{hostPort}/"), Timeout = TimeSpan.FromSeconds(60) };

    public int HostPort => hostPort;

    public async Task<string> RunAsync(string script, CancellationToken cancellationToken)
    {
        using var body = new StringContent(script, Encoding.UTF8, "text/plain");
        using var response = await _http.PostAsync(new Uri("cgi-bin/run", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new IOException($"guest control: HTTP {(int)response.StatusCode}: {text.Trim()}");
        return text;
    }

    /// <summary>Waits until the guest answers; false if <paramref name="alive"/> turns false or the time runs out.</summary>
    public async Task<bool> WaitUntilUpAsync(TimeSpan timeout, Func<bool> alive, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && alive())
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(3));
                if ((await RunAsync("echo up", attempt.Token).ConfigureAwait(false)).Trim() == "up") return true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // Not up yet (connection refused or reset by QEMU's forwarder while the guest boots): try again.
                cancellationToken.ThrowIfCancellationRequested();
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>One argument for the guest's sh, single-quoted.</summary>
    public static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose() => _http.Dispose();
}
