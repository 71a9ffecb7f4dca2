namespace DeviceBench.NanoFramework
{
    public static class Probe
    {
        public static string Hex(int v) => v.ToString("X4");
    }
}
