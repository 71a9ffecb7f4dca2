namespace DeviceBench.Host.Bench;

/// <summary>The disk holding the results folder is full: the run stops, its contender is stopped, and the run is not complete.</summary>
public sealed class ResultsFolderFullException : IOException
{
    public ResultsFolderFullException() { }

    public ResultsFolderFullException(string message) : base(message) { }

    public ResultsFolderFullException(string message, Exception innerException) : base(message, innerException) { }
}
