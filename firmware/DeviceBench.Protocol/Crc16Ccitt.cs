namespace DeviceBench.Protocol;

/// <summary>CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor (check value of "123456789" is 0x29B1).</summary>
public static class Crc16Ccitt
{
    public static ushort Compute(ReadOnlySpan<char> ascii)
    {
        ushort crc = 0xFFFF;
        foreach (char c in ascii)
        {
            crc ^= (ushort)((byte)c << 8);
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc;
    }
}
