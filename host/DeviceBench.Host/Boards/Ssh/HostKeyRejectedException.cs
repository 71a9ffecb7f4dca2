namespace DeviceBench.Host.Boards.Ssh;

/// <summary>The board's host key is not the one this machine trusts; the connection was dropped before any login.</summary>
public sealed class HostKeyRejectedException : IOException
{
    public HostKeyRejectedException() { }

    public HostKeyRejectedException(string message) : base(message) { }

    public HostKeyRejectedException(string message, Exception innerException) : base(message, innerException) { }
}
