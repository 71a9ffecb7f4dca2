using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace DeviceBench.Host.Load;

/// <summary>
/// Writes each measured interval as an HdrHistogram interval log (format 1.3), readable by HdrHistogram's
/// HistogramLogReader and HistogramLogProcessor. Values are microseconds; untagged lines are the corrected
/// (or closed-loop) latency, lines tagged <c>uncorrected</c> the open loop's latency from the actual send.
/// HdrHistogram.NET's own HistogramLogWriter is not used because it writes UTF-16, which the Java tools cannot read.
/// </summary>
public sealed class HlogIntervalWriter : ILoadObserver, IDisposable
{
    public const string UncorrectedTag = "uncorrected";

    private readonly StreamWriter _writer;
    private DateTimeOffset? _baseTime;

    public HlogIntervalWriter(Stream stream) =>
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };

    public void OnInterval(LoadInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (interval.IsWarmup)
        {
            return;
        }

        if (_baseTime is null)
        {
            _baseTime = interval.StartUtc;
            WriteHeader(interval.StartUtc);
        }

        var offsetSeconds = (interval.StartUtc - _baseTime.Value).TotalSeconds;
        WriteInterval(null, interval.Latency, offsetSeconds, interval.Record.DurationSeconds);
        if (interval.UncorrectedLatency is { } uncorrected)
        {
            WriteInterval(UncorrectedTag, uncorrected, offsetSeconds, interval.Record.DurationSeconds);
        }

        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private void WriteHeader(DateTimeOffset start)
    {
        var seconds = start.ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine("#[Histogram log format version 1.3]");
        _writer.WriteLine(Invariant($"#[StartTime: {seconds:F3} (seconds since epoch), {start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]"));
        _writer.WriteLine(Invariant($"#[BaseTime: {seconds:F3} (seconds since epoch)]"));
        _writer.WriteLine("#[devicebench load: values in microseconds; Interval_Max in milliseconds]");
        _writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
    }

    private void WriteInterval(string? tag, HistogramBase histogram, double offsetSeconds, double lengthSeconds)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // ByteBuffer keeps its array to itself (Allocate(byte[]) copies); reading it back byte by byte is the public way.
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        var payload = Convert.ToBase64String(AsZlibStream(bytes));
        var maxMillis = histogram.GetMaxValue() / 1000.0;
        var line = Invariant($"{offsetSeconds:F3},{lengthSeconds:F3},{maxMillis:F3},{payload}");
        _writer.WriteLine(tag is null ? line : $"Tag={tag},{line}");
    }

    /// <summary>
    /// HdrHistogram's V2 compressed encoding is a 4-byte cookie, a 4-byte big-endian length, then a zlib stream
    /// (RFC 1950: header, deflate data, Adler-32). HdrHistogram.NET 2.5 writes the header and the deflate data but no
    /// Adler-32, so zlib proper (Python's zlib.decompress, C's inflate) stops with "incomplete or truncated stream";
    /// Java's reader only tolerates it because it never asks whether the stream ended. The deflate data is rewritten
    /// here as a complete zlib stream, and the length with it.
    /// </summary>
    internal static byte[] AsZlibStream(byte[] encoded)
    {
        const int HeaderBytes = 8, ZlibHeaderBytes = 2;
        using var histogram = new MemoryStream();
        using (var inflater = new DeflateStream(new MemoryStream(encoded, HeaderBytes + ZlibHeaderBytes, encoded.Length - HeaderBytes - ZlibHeaderBytes), CompressionMode.Decompress))
        {
            inflater.CopyTo(histogram);
        }
        using var output = new MemoryStream();
        output.Write(encoded, 0, 4);
        output.Write(new byte[4]);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            histogram.Position = 0;
            histogram.CopyTo(zlib);
        }
        byte[] result = output.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(4), result.Length - HeaderBytes);
        return result;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
