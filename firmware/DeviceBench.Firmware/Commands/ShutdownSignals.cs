using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Commands;

/// <summary>Turns SIGTERM and SIGINT into a cancellation, so the firmware reports END before it exits.</summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals(CancellationTokenSource stop)
    {
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle), PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle)];
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
