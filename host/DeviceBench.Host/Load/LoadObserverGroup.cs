namespace DeviceBench.Host.Load;

/// <summary>Hands each interval to several observers in turn (live view, CSV, .hlog).</summary>
public sealed class LoadObserverGroup(IEnumerable<ILoadObserver> observers) : ILoadObserver
{
    private readonly ILoadObserver[] _observers = [.. observers];

    public void OnInterval(LoadInterval interval)
    {
        foreach (var observer in _observers)
        {
            observer.OnInterval(interval);
        }
    }
}
