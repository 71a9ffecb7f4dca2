namespace DeviceBench.Host.Load.Running;

/// <summary>Counters at one instant, summed over workers; differences between two snapshots give an interval's counts.</summary>
internal sealed record CounterSnapshot(long Responses, long BytesRead, long BytesWritten, long Reconnects, long WaitTicks, long[] Errors)
{
    public static CounterSnapshot Empty { get; } = new(0, 0, 0, 0, 0, new long[Enum.GetValues<ErrorClass>().Length]);

    public long TotalErrors => Errors.Sum();

    public CounterSnapshot Plus(CounterSnapshot other) => new(Responses + other.Responses, BytesRead + other.BytesRead,
        BytesWritten + other.BytesWritten, Reconnects + other.Reconnects, WaitTicks + other.WaitTicks, [.. Errors.Zip(other.Errors, (a, b) => a + b)]);

    public CounterSnapshot Minus(CounterSnapshot other) => new(Responses - other.Responses, BytesRead - other.BytesRead,
        BytesWritten - other.BytesWritten, Reconnects - other.Reconnects, WaitTicks - other.WaitTicks, [.. Errors.Zip(other.Errors, (a, b) => a - b)]);
}
