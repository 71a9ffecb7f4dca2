namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>The field names the parser acts on; any other field is checked for syntax and skipped.</summary>
internal enum KnownHeader : byte { None, Host, ContentLength, TransferEncoding, Connection, Expect }
