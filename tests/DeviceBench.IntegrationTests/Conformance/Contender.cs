using DeviceBench.IntegrationTests.Infrastructure;

namespace DeviceBench.IntegrationTests.Conformance;

/// <summary>A server under test: how to start its published x64 build on a port with one worker thread.</summary>
public sealed record Contender(string Name, Func<int, (string File, string[] Args)> Command)
{
    public static IReadOnlyList<Contender> All { get; } =
    [
        new("csharp-minimal", port => (Artifacts.Path("x64", "fw-minimal/devicebench-fw"), ["serve", "--engine", "minimal", "--port", $"{port}", "--threads", "1", "--address", "127.0.0.1"])),
        new("csharp-kestrel", port => (Artifacts.Firmware(), ["serve", "--engine", "kestrel", "--port", $"{port}", "--threads", "1", "--address", "127.0.0.1"])),
        new("rust-hyper", port => (Artifacts.Path("x64", "rust-hyper"), ["--port", $"{port}", "--threads", "1"])),
        new("go-nethttp", port => (Artifacts.Path("x64", "go-nethttp"), ["--port", $"{port}", "--threads", "1"])),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    public static ServerProcess Start(string name)
    {
        var contender = All.Single(c => c.Name == name);
        int port = FreePort.Next();
        var (file, args) = contender.Command(port);
        return ServerProcess.Start(file, args, port);
    }

    public override string ToString() => Name;
}
