namespace DeviceBench.Host.Boards.Esp32;

/// <summary>
/// The firmware flashed on a microcontroller: always running, never started or stopped by the host (an ESP32 runs
/// one firmware, flashed out of band), so a session ends without an exit code.
/// </summary>
internal sealed class FlashedContender : IRunningContender
{
    public bool HasExited => false;

    public Task<int?> StopAsync(TimeSpan grace) => Task.FromResult<int?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
