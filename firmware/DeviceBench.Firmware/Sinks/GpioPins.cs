namespace DeviceBench.Firmware.Sinks;

/// <summary>Logical GPIO line numbers of the report pins on the board's GPIO chip; null pins are not driven.</summary>
/// <param name="Status">1 Hz heartbeat while idle, solid high while serving.</param>
/// <param name="Alarm">High while any budget is exceeded.</param>
/// <param name="Marker">High from request parsed to response written, on 1 of every N requests.</param>
internal sealed record GpioPins(int? Status, int? Alarm, int? Marker)
{
    public bool Any => Status is not null || Alarm is not null || Marker is not null;
}
