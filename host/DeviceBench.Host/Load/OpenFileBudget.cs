using System.Globalization;
using DeviceBench.Host.Load.Linux;

namespace DeviceBench.Host.Load;

/// <summary>
/// Checks, before a run opens its sockets, that the process may hold them all. Past the open-file limit the
/// runtime itself cannot open what it needs next (an assembly it loads lazily, the JSON output) and aborts with
/// SIGABRT instead of throwing, so running out of descriptors mid-run must never happen.
/// </summary>
public static class OpenFileBudget
{
    /// <summary>
    /// Descriptors the runtime keeps besides the run's own: 76 measured during a one-connection run (two per loaded
    /// assembly, pipes, /dev/null), more once the summary and JSON code load, plus the output files.
    /// </summary>
    public const long RuntimeDescriptors = 256;

    /// <summary>
    /// Raises the soft RLIMIT_NOFILE to cover <paramref name="descriptors"/> plus <see cref="RuntimeDescriptors"/>
    /// (up to the hard limit; past it only as root). Returns the soft limit now in force, -1 if unknown.
    /// </summary>
    /// <param name="connections">What the user asked for, named in the message.</param>
    /// <exception cref="ArgumentException">The limit cannot be raised far enough; the message names it and the fix.</exception>
    public static long Reserve(long descriptors, long connections)
    {
        var needed = descriptors + RuntimeDescriptors;
        var limit = OpenFileLimit.Raise(needed);
        if (limit >= 0 && limit < needed)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{connections:N0} connections need {needed:N0} open files, but the open-file limit is {limit:N0} and cannot be raised further (hard limit: ulimit -Hn; raise it or run as root, or use fewer connections)"));
        }

        return limit;
    }
}
