namespace DeviceBench.Host.Bench;

/// <summary>
/// Where a bench run is as a phase starts: phase <see cref="Phase"/> of <see cref="Phases"/> (every load phase of every
/// session, calibration included), whose it is, and the time left by the settings' durations from this phase's start
/// (settle, warm-ups, phases and cool-downs; start-up and waiting for a board to cool are not foreseeable, so not counted).
/// </summary>
public sealed record BenchPosition(int Phase, int Phases, string Contender, int Round, string PhaseName, TimeSpan Left);
