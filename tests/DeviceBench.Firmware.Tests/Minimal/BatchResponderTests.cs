using System.Text;
using DeviceBench.Firmware.Engines;
using DeviceBench.Firmware.Engines.Minimal;
using DeviceBench.Firmware.Engines.Minimal.Http;

namespace DeviceBench.Firmware.Tests.Minimal;

public class BatchResponderTests
{
    private static readonly DateTime FixedDate = new(2025, 11, 26, 20, 35, 7, DateTimeKind.Utc);

    /// <summary>Every kind of request the engine answers on a kept-alive connection, ending with a close that leaves
    /// trailing bytes unread.</summary>
    internal const string Batch =
        "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n" +
        "HEAD /json HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n" +
        "POST /json HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" +
        "GET /json?x=%41 HTTP/1.1\r\nHost: a\r\nUser-Agent: test\r\n\r\n" +
        "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n" +
        "GET /nope HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" +
        "GET http://a/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" +
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    private static string Serve(params byte[][] pieces)
    {
        var responder = new BatchResponder(new ResponseTable(FixedDate), new RequestLimits(), new RequestMeter(), 2048);
        var parser = new RequestParser();
        var output = new StringBuilder();
        foreach (byte[] piece in pieces)
        {
            bool open = responder.Process(ref parser, piece);
            output.Append(Encoding.Latin1.GetString(responder.Output));
            responder.Complete();
            if (!open) return output.Append("<close>").ToString();
        }
        return output.ToString();
    }

    private static int[] Statuses(string output) =>
        output.Split("HTTP/1.1 ").Skip(1).Select(r => int.Parse(r[..3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Pipelined_batch_is_answered_in_order_and_closes_on_connection_close()
    {
        string output = Serve(Encoding.ASCII.GetBytes(Batch));
        Assert.Equal(new[] { 200, 200, 405, 200, 200, 404, 200 }, Statuses(output));
        Assert.EndsWith("Connection: close\r\nContent-Length: 13\r\nContent-Type: text/plain\r\nDate: Wed, 26 Nov 2025 20:35:07 GMT\r\n\r\nHello, World!<close>", output);
        Assert.Contains("HTTP/1.1 404 Not Found\r\nConnection: keep-alive\r\nContent-Length: 0\r\n", output);
        Assert.Contains("HTTP/1.1 200 OK\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n", output);
    }

    [Fact]
    public void Pipelined_batch_split_at_every_byte_answers_the_same()
    {
        byte[] batch = Encoding.ASCII.GetBytes(Batch);
        string whole = Serve(batch);
        for (int split = 0; split <= batch.Length; split++)
            Assert.Equal(whole, Serve(batch[..split], batch[split..]));
    }

    [Fact]
    public void Pipelined_batch_fed_one_byte_at_a_time_answers_the_same()
    {
        byte[] batch = Encoding.ASCII.GetBytes(Batch);
        Assert.Equal(Serve(batch), Serve(batch.Select(b => new[] { b }).ToArray()));
    }

    [Fact]
    public void Batch_ending_in_a_bad_request_split_at_every_byte_answers_the_same()
    {
        byte[] batch = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /json HTTP/1.1\r\nHost : a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
        string whole = Serve(batch);
        Assert.Equal(new[] { 200, 400 }, Statuses(whole));
        Assert.EndsWith("<close>", whole);
        for (int split = 0; split <= batch.Length; split++)
            Assert.Equal(whole, Serve(batch[..split], batch[split..]));
    }

    [Fact]
    public void Largest_chunk_of_smallest_requests_fits_one_batch()
    {
        byte[] smallest = Encoding.ASCII.GetBytes("G / HTTP/1.1\r\nHost:\r\n\r\n");
        Assert.Equal(BatchResponder.MinRequestBytes, smallest.Length);
        byte[] chunk = Enumerable.Repeat(smallest, 2048 / smallest.Length + 1).SelectMany(b => b).Take(2048).ToArray();
        string output = Serve(chunk[..5], chunk[5..]);
        Assert.Equal(2048 / smallest.Length, Statuses(output).Length);
        Assert.DoesNotContain("<close>", output);
    }

    [Fact]
    public void Date_is_patched_into_every_cached_response()
    {
        var table = new ResponseTable(FixedDate);
        table.SetDate(new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        foreach (var kind in Enum.GetValues<ResponseKind>())
            Assert.Contains("\r\nDate: Wed, 02 Jan 2030 03:04:05 GMT\r\n\r\n", Encoding.ASCII.GetString(table.Get(kind, ConnectionHeader.None, false)));
    }

    [Fact]
    public void Date_is_formatted_as_the_runtime_formats_RFC_1123_for_every_weekday_and_month()
    {
        // The 'R' format is the reference: one date per day from 1999 to 2101 covers each weekday in each month, leap days,
        // century years and single-digit days, hours, minutes and seconds.
        var date = new byte[29];
        for (var day = new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc); day.Year < 2102; day = day.AddDays(1).AddSeconds(61))
        {
            ResponseTable.FormatImfFixdate(day, date);
            Assert.Equal(day.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(date));
        }
    }

    [Theory]
    [InlineData(400, "400 Bad Request")]
    [InlineData(408, "408 Request Timeout")]
    [InlineData(413, "413 Content Too Large")]
    [InlineData(414, "414 URI Too Long")]
    [InlineData(431, "431 Request Header Fields Too Large")]
    [InlineData(501, "501 Not Implemented")]
    [InlineData(505, "505 HTTP Version Not Supported")]
    public void Error_responses_close_with_an_empty_body(int status, string statusLine)
    {
        var responder = new BatchResponder(new ResponseTable(FixedDate), new RequestLimits(), new RequestMeter(), 2048);
        responder.AppendError(status);
        Assert.Equal($"HTTP/1.1 {statusLine}\r\nConnection: close\r\nContent-Length: 0\r\nDate: Wed, 26 Nov 2025 20:35:07 GMT\r\n\r\n",
            Encoding.ASCII.GetString(responder.Output));
    }
}
