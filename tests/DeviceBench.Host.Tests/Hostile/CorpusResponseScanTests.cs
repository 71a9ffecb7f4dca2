using System.Text;
using DeviceBench.Host.Hostile.Corpus;

namespace DeviceBench.Host.Tests.Hostile;

public class CorpusResponseScanTests
{
    private const string BadRequest = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    private const string NotFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found";

    private static CorpusResponseScan Scan(string wire) => CorpusResponseScan.Parse(Encoding.ASCII.GetBytes(wire));

    [Fact]
    public void Nothing_received_is_no_response() => Assert.Empty(Scan("").Statuses);

    [Fact]
    public void One_framed_response_is_one_status() => Assert.Equal([400], Scan(BadRequest).Statuses);

    [Fact]
    public void A_second_response_after_a_content_length_body_is_counted() =>
        Assert.Equal([404, 400], Scan(NotFound + BadRequest).Statuses);

    [Fact]
    public void A_second_response_after_a_chunked_body_is_counted() =>
        Assert.Equal([200, 404], Scan("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + NotFound).Statuses);

    [Fact]
    public void A_body_without_framing_runs_to_the_close_and_holds_no_second_response() =>
        Assert.Equal([400], Scan("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n400 Bad Request HTTP/1.1 200 OK\r\n\r\n").Statuses);

    [Fact]
    public void Interim_100_continue_is_not_a_response() =>
        Assert.Equal([200], Scan("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").Statuses);

    [Fact]
    public void A_cut_off_second_response_still_counts_and_garbage_is_left_over()
    {
        Assert.Equal([400, 404], Scan(BadRequest + NotFound[..^3]).Statuses);
        var garbage = Scan(BadRequest + "junk");
        Assert.Equal([400], garbage.Statuses);
        Assert.Equal(4, garbage.TrailingBytes);
    }
}
