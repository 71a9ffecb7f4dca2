using System.Globalization;
using DeviceBench.Host.Load;

namespace DeviceBench.Cli.Load;

/// <summary>
/// What a finished run means to a script: 0 only when it measured what was asked. A run that completed no request, or
/// held fewer connections than asked, measured something else, and says so in one line (as wrk says "unable to connect").
/// </summary>
/// <param name="Problem">Null on success; otherwise the line for stderr.</param>
public sealed record LoadVerdict(int ExitCode, string? Problem)
{
    public static LoadVerdict Of(LoadOptions options, LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(result);
        var opened = result.Engine.ConnectionsOpenedAtStart;
        return result switch
        {
            { StoppedBy: "cancelled" } => new(ExitCodes.Interrupted,
                Invariant($"interrupted after {result.MeasuredSeconds:0.0} of {options.Duration.TotalSeconds:0.###} s measured")),
            { Requests: 0 } => new(ExitCodes.Failed, Invariant($"no request completed in {result.MeasuredSeconds:0.0} s ({Failures(result)})")),
            _ when opened < options.Connections => new(ExitCodes.Failed,
                Invariant($"only {opened:N0} of {options.Connections:N0} connections could be opened ({Failures(result)})")),
            _ => new(ExitCodes.Success, null),
        };
    }

    private static string Failures(LoadResult result)
    {
        var errors = Enum.GetValues<ErrorClass>().Where(e => result.Errors[e] > 0)
            .Select(e => Invariant($"{result.Errors[e]:N0} {e.ToString().ToLowerInvariant()}")).ToList();
        return errors.Count > 0 ? string.Join(", ", errors) + " errors" : Invariant($"{result.Unfinished:N0} requests unanswered");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
