namespace DeviceBench.Host.Load;

/// <summary>Receives each interval of a run as it ends, on the engine's coordinating thread (live view, CSV, .hlog).</summary>
public interface ILoadObserver
{
    void OnInterval(LoadInterval interval);
}
