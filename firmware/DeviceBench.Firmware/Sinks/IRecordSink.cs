using DeviceBench.Protocol;

namespace DeviceBench.Firmware.Sinks;

/// <summary>Where records go: a serial line, GPIO pins, a display. One method, called from the reporter's thread only.</summary>
internal interface IRecordSink : IDisposable
{
    /// <param name="record">The typed record (<see cref="StatRecord"/>, <see cref="AlarmRecord"/>, …) that <paramref name="line"/> carries.</param>
    void Publish(ReportLine line, IReportRecord record);
}
