namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>Where <see cref="RequestParser.Parse"/> stopped.</summary>
internal enum ParseStatus
{
    /// <summary>Every byte was consumed; the request (or its body) continues in the next chunk.</summary>
    NeedMore,

    /// <summary>A request head was parsed: answer it now. Its body, if any, is consumed by the next calls.</summary>
    HeadComplete,

    /// <summary>The request is invalid: answer <see cref="RequestParser.ErrorStatus"/> and close.</summary>
    Failed,
}
