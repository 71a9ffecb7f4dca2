namespace DeviceBench.NanoFramework
{
    /// <summary>
    /// Protocol v1's CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), written for
    /// nanoFramework's mscorlib, which has no Span: DeviceBench.Protocol's Crc16Ccitt is the reference, and the
    /// tests prove both agree on every golden line.
    /// </summary>
    public static class Crc16Ccitt
    {
        public static int Compute(string ascii)
        {
            int crc = 0xFFFF;
            for (int i = 0; i < ascii.Length; i++)
            {
                crc ^= (ascii[i] & 0xFF) << 8;
                for (int bit = 0; bit < 8; bit++)
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
            return crc;
        }
    }
}
