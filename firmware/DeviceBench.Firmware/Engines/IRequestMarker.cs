namespace DeviceBench.Firmware.Engines;

/// <summary>A signal raised from request parsed to response written (the GPIO marker pin).</summary>
internal interface IRequestMarker
{
    void Raise();
    void Lower();
}
