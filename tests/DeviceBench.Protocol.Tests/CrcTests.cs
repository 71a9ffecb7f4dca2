namespace DeviceBench.Protocol.Tests;

public class CrcTests
{
    [Fact]
    public void Crc_of_the_standard_check_string_is_29B1() => Assert.Equal(0x29B1, Crc16Ccitt.Compute("123456789"));

    [Fact]
    public void Crc_of_nothing_is_the_initial_value() => Assert.Equal(0xFFFF, Crc16Ccitt.Compute(""));

    [Fact]
    public void Crc_changes_when_one_bit_flips() =>
        Assert.NotEqual(Crc16Ccitt.Compute("#DB1 STAT seq=1"), Crc16Ccitt.Compute("#DB1 STAT seq=3"));
}
