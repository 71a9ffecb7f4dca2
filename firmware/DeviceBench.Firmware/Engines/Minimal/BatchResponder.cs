using DeviceBench.Firmware.Engines.Minimal.Http;

namespace DeviceBench.Firmware.Engines.Minimal;

/// <summary>
/// Answers every request found in one received chunk into one outgoing batch, in order, so a pipelined burst costs
/// one send. The batch buffer is sized so that no chunk can overflow it: a chunk of R bytes holds at most
/// R / <see cref="MinRequestBytes"/> + 2 requests (one finishing from the previous chunk, one closing or failing),
/// hence the parser never has to stop mid-chunk and no received byte ever has to be kept for later.
/// </summary>
internal sealed class BatchResponder
{
    /// <summary>The shortest request that keeps a connection open: <c>G / HTTP/1.1␍␊Host:␍␊␍␊</c>.</summary>
    public const int MinRequestBytes = 23;

    private readonly ResponseTable _responses;
    private readonly RequestLimits _limits;
    private readonly RequestMeter _meter;
    private readonly byte[] _output;
    private readonly RequestTiming[] _timings;
    private int _length;
    private int _timingCount;
    private long _chunkTimestamp;

    public BatchResponder(ResponseTable responses, RequestLimits limits, RequestMeter meter, int receiveChunkBytes)
    {
        _responses = responses;
        _limits = limits;
        _meter = meter;
        int maxResponses = receiveChunkBytes / MinRequestBytes + 2;
        _timings = new RequestTiming[maxResponses];
        // Pinned: the event loop hands its address straight to send(2).
        _output = GC.AllocateUninitializedArray<byte>(maxResponses * responses.MaxResponseBytes, pinned: true);
    }

    public ResponseTable Responses => _responses;

    /// <summary>The batch so far; its buffer is pinned.</summary>
    public ReadOnlySpan<byte> Output => _output.AsSpan(0, _length);

    /// <summary>The most a batch can hold, which is what a connection's pending-output block must hold.</summary>
    public int CapacityBytes => _output.Length;

    /// <summary>Parses <paramref name="input"/> and appends a response per request; false when the connection must close
    /// once the batch is written (an error, <c>Connection: close</c>, HTTP/1.0 without keep-alive).</summary>
    public bool Process(ref RequestParser parser, ReadOnlySpan<byte> input)
    {
        // Requests parsed from one chunk start together: one clock read, taken when the first is answered.
        _chunkTimestamp = 0;
        int offset = 0;
        while (offset < input.Length)
        {
            switch (parser.Parse(input, ref offset, _limits))
            {
                case ParseStatus.NeedMore:
                    return true;
                case ParseStatus.Failed:
                    AppendError(parser.ErrorStatus);
                    return false;
                default:
                    if (!Answer(in parser)) return false;
                    break;
            }
        }
        return true;
    }

    /// <summary>Error responses carry <c>Connection: close</c> and Content-Length 0; the connection closes after them.</summary>
    public void AppendError(int status) => Append(_responses.Get(ResponseTable.ForError(status), ConnectionHeader.Close, false));

    /// <summary>Call once the batch has been handed to the socket: ends the requests' timings and empties the batch.</summary>
    public void Complete()
    {
        // One send wrote them all: one clock read (vDSO clock_gettime was ~1% of the loop's CPU read per request).
        long now = _timingCount > 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        for (int k = 0; k < _timingCount; k++) _meter.EndRequest(_timings[k], now);
        _timingCount = 0;
        _length = 0;
    }

    private bool Answer(in RequestParser parser)
    {
        bool keepAlive = parser.KeepAlive;
        var connection = !keepAlive ? ConnectionHeader.Close : parser.IsHttp10 ? ConnectionHeader.KeepAlive : ConnectionHeader.None;
        var response = _responses.Get(Choose(in parser), connection, parser.Method == HttpMethodKind.Head);
        if (_timingCount == _timings.Length || !Append(response)) return false; // unreachable by the sizing above
        if (_chunkTimestamp == 0) _chunkTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        _timings[_timingCount++] = _meter.BeginRequest(_chunkTimestamp);
        return keepAlive;
    }

    /// <summary>As the Kestrel engine: GET/HEAD on a route → 200, another method → 405, no route → 404.</summary>
    private static ResponseKind Choose(in RequestParser parser) =>
        parser.IsAsteriskForm ? ResponseKind.ServerOptions
        : parser.Route == Route.NotFound ? ResponseKind.NotFound
        : parser.Method is not (HttpMethodKind.Get or HttpMethodKind.Head) ? ResponseKind.MethodNotAllowed
        : parser.Route == Route.Json ? ResponseKind.Json : ResponseKind.Plain;

    private bool Append(ReadOnlySpan<byte> response)
    {
        if (_length + response.Length > _output.Length) return false;
        response.CopyTo(_output.AsSpan(_length));
        _length += response.Length;
        return true;
    }
}
