using System.Net;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Engines.Minimal;

namespace DeviceBench.Firmware.Tests.Minimal;

/// <summary>Starts a <see cref="MinimalEngine"/> through the <see cref="IHttpEngine"/> seam on a free loopback port.</summary>
internal static class EngineHarness
{
    public static async Task<MinimalEngine> StartAsync(MinimalOptions? options = null, int threads = 1, int maxConnections = 16_384,
        RequestMeter? meter = null, int port = 0)
    {
        var engine = new MinimalEngine(options);
        // Through the seam, as ServeCommand drives it.
        await ((IHttpEngine)engine).StartAsync(new EngineOptions(IPAddress.Loopback, port, threads) { MaxConnections = maxConnections },
            meter ?? new RequestMeter(), CancellationToken.None);
        return engine;
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }
}
