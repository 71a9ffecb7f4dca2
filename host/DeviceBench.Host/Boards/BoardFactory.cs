using DeviceBench.Host.Boards.Esp32;
using DeviceBench.Host.Boards.Local;
using DeviceBench.Host.Boards.Qemu;
using DeviceBench.Host.Boards.Ssh;

namespace DeviceBench.Host.Boards;

/// <summary>Turns <c>--board</c> into a board: <c>local</c>, <c>ssh://user@host[:port]</c>, <c>qemu[:profile]</c>, <c>esp32:SERIAL@ADDRESS[:PORT]</c>.</summary>
public static class BoardFactory
{
    /// <param name="ssh">How to log in to and trust an <c>ssh://</c> board; ignored by the others.</param>
    /// <param name="microcontroller">An <c>esp32:</c> board's socket cap and connections; ignored by the others.</param>
    public static IBoard Create(string spec, BoardProfile profile, SshBoardOptions? ssh = null, (int SocketCap, int Connections)? microcontroller = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == "local") return new LocalBoard(profile);
        if (spec == "qemu" || spec.StartsWith("qemu:", StringComparison.Ordinal)) return new QemuBoard(QemuProfile.Parse(spec.Length > 5 ? spec[5..] : null));
        // Synchronous like the other boards' construction; callers are console commands with no synchronization context to deadlock.
        if (SshTarget.IsSpec(spec)) return SshBoard.ConnectAsync(spec, profile, ssh).GetAwaiter().GetResult();
        if (Esp32Target.IsSpec(spec))
        {
            var (cap, connections) = microcontroller ?? (16, 4);
            return new Esp32Board(Esp32Target.Parse(spec), profile, cap, connections);
        }
        throw new ArgumentException($"board '{spec}' is not supported yet (supported: local, ssh://user@host[:port], qemu[:profile], esp32:SERIAL@ADDRESS[:PORT])");
    }
}
