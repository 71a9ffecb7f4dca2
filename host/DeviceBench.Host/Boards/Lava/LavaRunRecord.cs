using System.Globalization;
using DeviceBench.Host.Bench;
using DeviceBench.Protocol;

namespace DeviceBench.Host.Boards.Lava;

/// <summary>
/// Turns a finished LAVA job into a normal run folder: the contenders' protocol lines in the job log are re-read with
/// the protocol's own reader (CRCs checked) into sessions, as a local bench files them, with the load result the job's
/// loadgen printed as each session's <c>max</c> phase; the job's test cases are checked against both. <c>report</c> and <c>compare</c> then read the folder as any other run.
/// </summary>
public static class LavaRunRecord
{
    /// <summary>Writes <c>ROOT/TIME-BOARD/</c> with serial.log and run.json; returns the folder.</summary>
    /// <param name="board">How the run is named: <c>lava:SERVER/JOB/DEVICE</c>.</param>
    public static string Write(LavaLog log, string board, DateTimeOffset startedUtc, string resultsRoot)
    {
        ArgumentNullException.ThrowIfNull(log);
        using var folder = RunFolder.Create(resultsRoot, board, startedUtc);
        var reader = new ReportReader();
        var sessions = new List<ContenderSession>();
        ContenderSession? session = null;
        string phase = "start";
        foreach (string line in log.BoardLines)
        {
            if (line.StartsWith(LavaBoardFiles.ContenderMarker + " name=", StringComparison.Ordinal))
            {
                string contender = line[(LavaBoardFiles.ContenderMarker.Length + " name=".Length)..].Trim();
                session = new ContenderSession
                {
                    Contender = contender, Round = sessions.Count(s => s.Contender == contender) + 1, StartedUtc = startedUtc, Status = SessionStatus.Failed,
                };
                sessions.Add(session);
                phase = "start";
                continue;
            }
            if (line.StartsWith(LavaBoardFiles.LoadMarker + " ", StringComparison.Ordinal)) phase = "load";
            // The loadgen namespace's result comes between the contender's start and stop on the board.
            if (LavaLoadgen.ParseResultLine(line) is var (loaded, result) && session?.Contender == loaded)
            {
                session.Phases.Add(new PhaseResult(PhaseResult.Max, null, result, null));
                continue;
            }
            if (session is null || !line.Contains("#DB1 ", StringComparison.Ordinal)) continue;
            var current = session;
            folder.AppendSerial(line, () => File(current, reader.Read(line), phase));
        }

        var contenders = ContenderCatalog.Names.Where(n => sessions.Any(s => s.Contender == n)).ToList();
        var notes = new List<string>
        {
            $"run on a LAVA board farm: {board}; the board's figures are also the job's LAVA test cases",
            "load came from the job's loadgen namespace on the LAVA worker (devicebench lava loadgen, closed loop) during each contender's load window",
        };
        notes.AddRange(Disagreements(log, sessions));
        foreach (var s in sessions)
        {
            bool complete = s.Ready is not null && s.End is not null && s.Phases.Any(p => p.Load.Requests > 0);
            s.Status = complete ? SessionStatus.Ok : SessionStatus.Failed;
            s.Reason = complete ? null : s.Ready is null ? "no READY in the job log" : s.End is null ? "no END in the job log"
                : s.Phases.Count == 0 ? "no load result from the job's loadgen in the job log" : "the job's loadgen got no answer";
        }
        var run = new RunRecord
        {
            Board = board,
            Architecture = "arm64",
            BoardNotes = notes,
            StartedUtc = startedUtc,
            FinishedUtc = startedUtc,
            Settings = new BenchSettings
            {
                Contenders = contenders, Rounds = Math.Max(1, sessions.Count == 0 ? 1 : sessions.Max(s => s.Round)),
                Connections = sessions.SelectMany(s => s.Phases).Select(p => p.Load.Settings.Connections).DefaultIfEmpty(new BenchSettings().Connections).First(),
            },
            Sessions = sessions,
            Serial = new SerialCounts(reader.ValidLines, reader.CorruptLines, reader.NoiseLines, reader.UnknownRecords),
        };
        (run.Status, run.Reason) = sessions.Count == 0 ? (RunStatus.Failed, "the job log holds no contender's report lines")
            : sessions.All(s => s.Status == SessionStatus.Ok) ? (RunStatus.Complete, null)
            : (RunStatus.Partial, string.Join("; ", sessions.Where(s => s.Status != SessionStatus.Ok).Select(s => $"{s.Contender} round {s.Round}: {s.Reason}")));
        folder.Save(run);
        return folder.Directory;
    }

    private static void File(ContenderSession session, IReportRecord? record, string phase)
    {
        switch (record)
        {
            case BootRecord boot when session.Ready is not null:
                session.Events.Add($"board reset: BOOT (pid {boot.Pid}) received during {phase}");
                break;
            case ReadyRecord ready when session.Ready is null:
                session.Ready = ready;
                break;
            case StatRecord stat:
                // The board's own clock: seconds since the contender's reporter started.
                session.Stats.Add(new TimedStat(stat.UptimeMillis / 1000.0, phase, stat));
                break;
            case AlarmRecord alarm:
                session.Alarms.Add(alarm);
                break;
            case EndRecord end:
                session.End = end;
                session.ExitCode = end.ExitCode is { } code ? (int)code : null;
                break;
        }
    }

    /// <summary>
    /// One note saying how many of the job's test cases were checked against the protocol lines and the loadgen's result
    /// lines, and one per test case that does not equal them (each contender's round is a start, load and stop test definition).
    /// </summary>
    private static List<string> Disagreements(LavaLog log, List<ContenderSession> sessions)
    {
        var notes = new List<string>();
        int checkedCases = 0, figures = 0;
        foreach (var session in sessions)
        {
            var records = new List<IReportRecord>();
            if (session.Ready is not null) records.Add(session.Ready);
            records.AddRange(session.Stats.Select(s => s.Stat));
            if (session.End is not null) records.Add(session.End);
            string round = string.Create(CultureInfo.InvariantCulture, $"devicebench-round-{session.Round}-{session.Contender}-");
            var expected = LavaFigures.Of(records).Select(f => (Figure: f.Key, f.Value.Value))
                .Concat(session.Phases.SelectMany(p => LavaLoadgen.Figures(p.Load)).Select(f => (Figure: f.Case, f.Value)));
            foreach (var (figure, value) in expected)
            {
                figures++;
                var testCase = log.TestCases.FirstOrDefault(c => c.Suite.Contains(round, StringComparison.Ordinal) && c.Name == $"{session.Contender}-{figure}");
                if (testCase?.Measurement is not { } measured) continue;
                checkedCases++;
                if (measured != value)
                    notes.Add(string.Create(CultureInfo.InvariantCulture, $"LAVA test case {testCase.Suite}/{testCase.Name} is {measured}, the job log's lines say {value}"));
            }
        }
        notes.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"{checkedCases} of the {figures} figures in the protocol and loadgen lines have a LAVA test case; {checkedCases - notes.Count} equal it"));
        return notes;
    }
}
