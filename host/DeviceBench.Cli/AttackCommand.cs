using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using System.Net;
using DeviceBench.Host.Hostile.Attacks;
using DeviceBench.Host.Load;

namespace DeviceBench.Cli;

/// <summary>
/// <c>devicebench attack --target HOST:PORT --kind slow|idle|reset</c>: a hostile-client attack with a normal open-loop
/// client beside it; exits 1 when the server stopped serving.
/// </summary>
public static class AttackCommand
{
    public static Command Create()
    {
        var target = new Option<IPEndPoint>("--target") { Description = "Server address, e.g. 127.0.0.1:8080", Required = true, CustomParser = ParseTarget };
        var kind = new Option<AttackKind>("--kind")
        {
            Description = "slow (slowloris), idle (keep-alive connections held), reset (RST mid-request and mid-response)",
            Required = true, HelpName = "slow|idle|reset", CustomParser = ParseKind,
        };
        var connections = BoundedOption.OptionalNumber("--connections", "-c", "Connections (default: slow 300, idle 10000, reset 32 workers)",
            1, LoadOptions.MaxConnections);
        var duration = BoundedOption.Duration("--duration", "-d", "Normal client measured alone, then as long under attack", TimeSpan.FromSeconds(10),
            LoadOptions.MaxDuration);
        var pid = BoundedOption.OptionalNumber("--pid", null, "Server process: sample its RSS and check it stays alive", 1, int.MaxValue);
        var byteInterval = BoundedOption.Duration("--byte-interval", null, "Slow clients: one byte per interval", TimeSpan.FromMilliseconds(200),
            AttackOptions.MaxByteInterval);
        var resetRate = BoundedOption.Number("--reset-rate", null, "Resets: aborted connections per second",
            AttackOptions.MinResetsPerSecond, AttackOptions.MaxResetsPerSecond, 1000.0);
        var rate = BoundedOption.Number("--rate", "-R", "Normal client: requests/s (open loop)", LoadOptions.MinRatePerSecond, LoadOptions.MaxRatePerSecond, 1000.0);
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Skip the normal client's run without attack" };

        var command = new Command("attack", "Attack a server with slow, idle or resetting clients while a normal client measures its latency")
        {
            target, kind, connections, duration, pid, byteInterval, resetRate, rate, noBaseline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var attackKind = parse.GetValue(kind);
            var options = new AttackSessionOptions
            {
                Attack = new AttackOptions
                {
                    Target = parse.GetRequiredValue(target),
                    Kind = attackKind,
                    Connections = parse.GetValue(connections) ?? AttackOptions.DefaultConnections(attackKind),
                    ByteInterval = parse.GetValue(byteInterval),
                    ResetsPerSecond = parse.GetValue(resetRate),
                },
                Duration = parse.GetValue(duration),
                Pid = parse.GetValue(pid),
                NormalRatePerSecond = parse.GetValue(rate),
                MeasureBaseline = !parse.GetValue(noBaseline),
            };
            try
            {
                options.Validate();
                _ = OpenFileBudget.Reserve(options.DescriptorsNeeded, options.Attack.Connections + options.NormalConnections);
            }
            catch (ArgumentException e)
            {
                return await CommandRunner.FailAsync("attack", e.Message, ExitCodes.Usage).ConfigureAwait(false);
            }

            if (options.Pid is { } serverPid && !AttackRss.IsAlive(serverPid))
            {
                return await CommandRunner.FailAsync("attack", string.Create(CultureInfo.InvariantCulture, $"no process {serverPid}"), ExitCodes.Usage).ConfigureAwait(false);
            }

            var address = options.Attack.Target;
            if (await ConnectProbe.FindProblemAsync(address.Address.ToString(), address.Port, TimeSpan.FromSeconds(5), cancellationToken)
                .ConfigureAwait(false) is { } unreachable)
            {
                return await CommandRunner.FailAsync("attack", unreachable, ExitCodes.Failed).ConfigureAwait(false);
            }

            var outcome = await AttackSession.RunAsync(options, cancellationToken).ConfigureAwait(false);
            foreach (var line in AttackReportText.Lines(options, outcome)) await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            return outcome.ServerSurvived ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>The kind's name in any case; not its number, which System.CommandLine's enum parsing would also take.</summary>
    private static AttackKind ParseKind(ArgumentResult result)
    {
        var text = BoundedOption.Text(result);
        var names = Enum.GetValues<AttackKind>().Select(k => k.ToString().ToLowerInvariant()).ToArray();
        var match = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (match >= 0) return Enum.GetValues<AttackKind>()[match];
        result.AddError($"{BoundedOption.Typed(result)} must be {string.Join(", ", names[..^1])} or {names[^1]} (got '{text}')");
        return default;
    }

    private static IPEndPoint ParseTarget(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port > 0) return endPoint;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            try
            {
                var address = Dns.GetHostAddresses(text[..colon]).FirstOrDefault();
                if (address is not null) return new IPEndPoint(address, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }
        result.AddError($"{BoundedOption.Typed(result)} must be HOST:PORT such as 127.0.0.1:8080 (got '{text}')");
        return new IPEndPoint(IPAddress.Loopback, 1);
    }
}
