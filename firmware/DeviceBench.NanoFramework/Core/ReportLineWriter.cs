namespace DeviceBench.NanoFramework
{
    /// <summary>
    /// Writes one protocol-v1 line, <c>#DB1 RECORD key=value ... *CRC</c>, in the order keys are added (the order
    /// DeviceBench.Protocol's records write them, so the host formats the parsed record back to the same bytes).
    /// Values are integers or tokens the caller guarantees are of [A-Za-z0-9._:/+-]. Plain concatenation: StringBuilder
    /// lives in nanoFramework.System.Text, a package this core does without (a line a second is no hot path).
    /// </summary>
    public sealed class ReportLineWriter
    {
        public const string Prefix = "#DB1 ";
        private string _text;

        public ReportLineWriter(string record)
        {
            _text = Prefix + record;
        }

        public ReportLineWriter Add(string key, long value)
        {
            _text = _text + " " + key + "=" + value.ToString();
            return this;
        }

        public ReportLineWriter Add(string key, string value)
        {
            _text = _text + " " + key + "=" + value;
            return this;
        }

        /// <summary>The line with its CRC, without the terminating newline.</summary>
        public override string ToString()
        {
            return _text + " *" + Crc16Ccitt.Compute(_text).ToString("X4");
        }
    }
}
