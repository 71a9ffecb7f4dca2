using System.Text;
using DeviceBench.Host.Load.Http;

namespace DeviceBench.Host.Tests.Load;

public class RequestBytesTests
{
    [Fact]
    public void Get_carries_host_and_nothing_else()
    {
        var bytes = RequestBytes.Build(new Uri("http://127.0.0.1:8080/json?x=1"), "GET", [], null);
        Assert.Equal("GET /json?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Body_gets_its_content_length_and_headers_come_through()
    {
        var bytes = RequestBytes.Build(new Uri("http://board/"), "POST", [new("X-Run", "7")], "hi"u8.ToArray());
        Assert.Equal("POST / HTTP/1.1\r\nHost: board\r\nX-Run: 7\r\nContent-Length: 2\r\n\r\nhi", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Pipelined_batch_is_the_request_repeated()
    {
        var batch = RequestBytes.Repeat("ab"u8.ToArray(), 3);
        Assert.Equal("ababab", Encoding.ASCII.GetString(batch));
    }
}
