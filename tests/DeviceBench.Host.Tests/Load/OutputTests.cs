using System.Text.Json;
using DeviceBench.Host.Load;
using DeviceBench.Host.Tests.Servers;
using HdrHistogram;

namespace DeviceBench.Host.Tests.Load;

public sealed class OutputTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("devicebench-load-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Json_result_follows_the_published_schema(bool openLoop)
    {
        await using var server = new TestHttpServer();
        var result = await LoadRun.Against(server, o => o with { RatePerSecond = openLoop ? 300 : null });

        using var stream = new MemoryStream();
        LoadResultJsonContext.Write(stream, result);
        using var document = JsonDocument.Parse(stream.ToArray());
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "load-result.schema.json")));
        Assert.Empty(SchemaCheck.Problems(schema.RootElement, document.RootElement));

        stream.Position = 0;
        var readBack = LoadResultJsonContext.Read(stream)!;
        Assert.Equal(result.Requests, readBack.Requests);
        Assert.Equal(result.Latency.P99Micros, readBack.Latency.P99Micros);
    }

    [Fact]
    public async Task Hlog_intervals_read_back_with_HdrHistogram_and_add_up_to_the_result()
    {
        var path = Path.Combine(_folder.FullName, "run.hlog");
        LoadResult result;
        using (var writer = new HlogIntervalWriter(File.Create(path)))
        {
            await using var server = new TestHttpServer();
            result = await LoadRun.Against(server, o => o with { RatePerSecond = 500, Duration = TimeSpan.FromSeconds(2.5) }, writer);
        }

        // Plain ASCII, as the Java tools expect (HdrHistogram.NET's own writer emits UTF-16).
        Assert.Equal((byte)'#', File.ReadAllBytes(path)[0]);
        using var stream = File.OpenRead(path);
        // The instance reader: HistogramLogReader.Read(stream) enumerates lazily after disposing its own reader.
        using var reader = new HistogramLogReader(stream);
        var histograms = reader.ReadHistograms().ToList();
        var corrected = histograms.Where(h => h.Tag is null).ToList();
        var uncorrected = histograms.Where(h => h.Tag == HlogIntervalWriter.UncorrectedTag).ToList();

        Assert.Equal(result.Intervals.Count, corrected.Count);
        Assert.Equal(result.Requests, corrected.Sum(h => h.TotalCount));
        Assert.Equal(result.Requests, uncorrected.Sum(h => h.TotalCount));
        Assert.Equal(result.Latency.MaxMicros, corrected.Max(h => h.GetMaxValue()));
        Assert.True(corrected.Zip(corrected.Skip(1)).All(p => p.First.StartTimeStamp < p.Second.StartTimeStamp));
        Assert.InRange(corrected[0].StartTimeStamp, result.StartedUtc.ToUnixTimeMilliseconds() - 1, result.StartedUtc.ToUnixTimeMilliseconds() + 1_000);
    }

    /// <summary>
    /// HdrHistogram's V2 compressed histogram: cookie, big-endian length, then a complete zlib stream (RFC 1950) whose
    /// Adler-32 trailer matches the data — what zlib proper (Python's zlib.decompress) insists on, and HdrHistogram.NET
    /// leaves out.
    /// </summary>
    [Fact]
    public async Task Hlog_histograms_are_complete_zlib_streams_with_their_checksum()
    {
        var path = Path.Combine(_folder.FullName, "run.hlog");
        using (var writer = new HlogIntervalWriter(File.Create(path)))
        {
            await using var server = new TestHttpServer();
            await LoadRun.Against(server, o => o with { RatePerSecond = 300, Duration = TimeSpan.FromSeconds(1.5) }, writer);
        }

        var payloads = File.ReadLines(path).Where(l => !l.StartsWith('#') && !l.StartsWith('"')).Select(l => Convert.FromBase64String(l.Split(',')[^1])).ToList();
        Assert.NotEmpty(payloads);
        foreach (byte[] encoded in payloads)
        {
            Assert.Equal(0x1c849314, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(encoded));
            Assert.Equal(encoded.Length - 8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(encoded.AsSpan(4)));
            Assert.Equal(0, ((encoded[8] << 8) | encoded[9]) % 31);
            using var inflated = new MemoryStream();
            using (var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(encoded, 8, encoded.Length - 8), System.IO.Compression.CompressionMode.Decompress))
                zlib.CopyTo(inflated);
            Assert.Equal(Adler32(inflated.ToArray()), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(encoded.Length - 4)));
        }
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (byte d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    [Fact]
    public async Task Csv_has_one_row_per_interval()
    {
        var path = Path.Combine(_folder.FullName, "run.csv");
        LoadResult result;
        using (var writer = new CsvIntervalWriter(File.Create(path)))
        {
            await using var server = new TestHttpServer();
            result = await LoadRun.Against(server, o => o with { Duration = TimeSpan.FromSeconds(2.5) }, writer);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(CsvIntervalWriter.Header, lines[0]);
        Assert.Equal(result.Intervals.Count, lines.Length - 1);
        Assert.Equal(result.Requests, lines.Skip(1).Sum(l => long.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(3, result.Intervals.Count);
    }
}
