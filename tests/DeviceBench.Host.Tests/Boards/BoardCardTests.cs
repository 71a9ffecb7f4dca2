using DeviceBench.Host.Boards;

namespace DeviceBench.Host.Tests.Boards;

public sealed class BoardCardTests
{
    /// <summary>A Raspberry Pi 4 on a 64-bit kernel (abridged to two of its four CPUs): no model name, a CPU part, a board Model line.</summary>
    private const string PiProbe = """
        processor	: 0
        BogoMIPS	: 108.00
        CPU implementer	: 0x41
        CPU part	: 0xd08

        processor	: 1
        BogoMIPS	: 108.00
        CPU part	: 0xd08

        Revision	: c03114
        Model		: Raspberry Pi 4 Model B Rev 1.4
        @@meminfo
        MemTotal:        3885200 kB
        MemFree:         3000000 kB
        @@kernel
        6.6.51+rpt-rpi-v8
        """;

    [Fact]
    public void A_raspberry_pi_is_named_by_its_core_and_its_board()
    {
        var card = BoardCard.Parse(PiProbe, "ssh://pi@pi4", emulated: false);

        Assert.Equal(new BoardCard("Cortex-A72 (Raspberry Pi 4 Model B Rev 1.4)", 2, 3885200L * 1024, "6.6.51+rpt-rpi-v8", "ssh://pi@pi4", false), card);
    }

    [Fact]
    public void An_x86_machine_is_named_by_its_model_name()
    {
        const string probe = "processor\t: 0\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"
            + "@@meminfo\nMemTotal:        8000000 kB\n@@kernel\n6.1.0-28-amd64\n";

        var card = BoardCard.Parse(probe, "local", emulated: false);

        Assert.Equal(("Intel(R) Xeon(R) CPU @ 2.20GHz", 2, 8_192_000_000L, "6.1.0-28-amd64"), (card.CpuModel, card.Cores, card.MemoryBytes, card.Kernel));
    }

    [Fact]
    public void What_the_board_did_not_say_reads_unknown()
    {
        var card = BoardCard.Parse("", "qemu:pi4", emulated: true);

        Assert.Equal(new BoardCard("unknown", 0, 0, "unknown", "qemu:pi4", true), card);
    }

    [Fact]
    public void This_machine_describes_itself_from_its_own_proc()
    {
        var card = BoardCard.OfThisMachine("local");

        Assert.Equal(Environment.ProcessorCount, card.Cores);
        Assert.True(card.MemoryBytes > 0);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), card.Kernel);
        Assert.NotEqual("unknown", card.CpuModel);
    }
}
