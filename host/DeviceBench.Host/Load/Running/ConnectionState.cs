namespace DeviceBench.Host.Load.Running;

internal enum ConnectionState
{
    Closed,
    Connecting,
    Open,
    WaitingToRetry,
}
