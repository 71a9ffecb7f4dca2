using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using DeviceBench.Host.Hostile;

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
        var kind = new Option<AttackKind>("--kind") { Description = "slow (slowloris), idle (keep-alive connections held), reset (RST mid-request and mid-response)", Required = true };
        var connections = new Option<int?>("--connections", "-c") { Description = "Connections (default: slow 300, idle 10000, reset 32 workers)" };
        var duration = new Option<TimeSpan>("--duration", "-d") { Description = "Normal client measured alone, then as long under attack", DefaultValueFactory = _ => TimeSpan.FromSeconds(10), CustomParser = ParseDuration };
        var pid = new Option<int?>("--pid") { Description = "Server process: sample its RSS and check it stays alive" };
        var byteInterval = new Option<TimeSpan>("--byte-interval") { Description = "Slow clients: one byte per interval", DefaultValueFactory = _ => TimeSpan.FromMilliseconds(200), CustomParser = ParseDuration };
        var resetRate = new Option<double>("--reset-rate") { Description = "Resets: aborted connections per second", DefaultValueFactory = _ => 1000 };
        var rate = new Option<double>("--rate", "-R") { Description = "Normal client: requests/s (open loop)", DefaultValueFactory = _ => 1000 };
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
                options.Attack.Validate();
                if (options.Duration <= TimeSpan.Zero || options.NormalRatePerSecond <= 0) throw new ArgumentException("duration and rate must be positive");
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"devicebench attack: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var outcome = await AttackSession.RunAsync(options, cancellationToken).ConfigureAwait(false);
            foreach (var line in AttackReportText.Lines(options, outcome)) await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            return outcome.ServerSurvived ? 0 : 1;
        });
        return command;
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
        result.AddError($"'{text}' is not HOST:PORT (example: 127.0.0.1:8080)");
        return new IPEndPoint(IPAddress.Loopback, 1);
    }

    private static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DurationText.TryParse(text, out var value) && value > TimeSpan.Zero) return value;
        result.AddError($"'{text}' is not a positive duration (examples: 10s, 200ms)");
        return TimeSpan.Zero;
    }
}
