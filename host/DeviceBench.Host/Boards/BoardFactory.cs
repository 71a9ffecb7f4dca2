using DeviceBench.Host.Boards.Local;

namespace DeviceBench.Host.Boards;

/// <summary>Turns <c>--board</c> into a board: <c>local</c>, <c>ssh://user@host[:port]</c>, <c>qemu[:profile]</c>.</summary>
public static class BoardFactory
{
    public static IBoard Create(string spec, BoardProfile profile)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == "local") return new LocalBoard(profile);
        throw new ArgumentException($"board '{spec}' is not supported yet (supported: local)");
    }
}
