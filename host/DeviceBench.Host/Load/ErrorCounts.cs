namespace DeviceBench.Host.Load;

/// <summary>Failed requests by <see cref="ErrorClass"/>.</summary>
public sealed record ErrorCounts(long Connect, long Read, long Write, long Timeout, long Parse, long Status, long Length)
{
    public long Total => Connect + Read + Write + Timeout + Parse + Status + Length;

    public long this[ErrorClass error] => error switch
    {
        ErrorClass.Connect => Connect,
        ErrorClass.Read => Read,
        ErrorClass.Write => Write,
        ErrorClass.Timeout => Timeout,
        ErrorClass.Parse => Parse,
        ErrorClass.Status => Status,
        ErrorClass.Length => Length,
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    internal static ErrorCounts From(IReadOnlyList<long> byClass) => new(
        byClass[(int)ErrorClass.Connect], byClass[(int)ErrorClass.Read], byClass[(int)ErrorClass.Write], byClass[(int)ErrorClass.Timeout],
        byClass[(int)ErrorClass.Parse], byClass[(int)ErrorClass.Status], byClass[(int)ErrorClass.Length]);
}
