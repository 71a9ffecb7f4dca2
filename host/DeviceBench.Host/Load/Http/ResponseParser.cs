using System.Runtime.CompilerServices;

namespace DeviceBench.Host.Load.Http;

/// <summary>
/// Incremental HTTP/1.x response parser for one connection. It is fed whatever each receive returned,
/// never needs a whole response in memory and never allocates per response: bodies are only counted,
/// and only a header block split across receives is copied, into a small per-connection buffer.
/// Handles Content-Length, chunked (RFC 9112 §7.1) and read-until-close bodies, and skips 1xx interim responses.
/// </summary>
internal sealed partial class ResponseParser
{
    private readonly bool _responsesHaveNoBody;
    private State _state;
    private long _remaining;
    private int _chunkDigits;

    /// <param name="responsesHaveNoBody">True for HEAD requests, whose responses declare a length but carry no body.</param>
    public ResponseParser(bool responsesHaveNoBody) => _responsesHaveNoBody = responsesHaveNoBody;

    private enum State
    {
        Headers,
        Body,
        BodyUntilClose,
        ChunkSize,
        ChunkExtension,
        ChunkSizeLf,
        ChunkData,
        ChunkDataCr,
        ChunkDataLf,
        TrailerLineStart,
        TrailerLine,
        TrailerEndLf,
    }

    /// <summary>Status code of the response that completed last.</summary>
    public int StatusCode { get; private set; }

    /// <summary>Body bytes of the response that completed last (decoded length for chunked bodies).</summary>
    public long BodyBytes { get; private set; }

    /// <summary>The server said it will close after this response (Connection: close, HTTP/1.0, or a body ended by close).</summary>
    public bool CloseAfterResponse { get; private set; }

    /// <summary>Some bytes of a response have arrived but it has not completed.</summary>
    public bool IsMidResponse => _state != State.Headers || _carryLength > 0;

    /// <summary>The stream is inside a body whose Content-Length was declared: ending now means a wrong length.</summary>
    public bool IsInDeclaredBody => _state == State.Body;

    /// <summary>The body runs until the server closes, so end of stream completes the response.</summary>
    public bool CompletesAtEndOfStream => _state == State.BodyUntilClose;

    /// <summary>Forgets any partial response (the connection was closed).</summary>
    public void Reset()
    {
        _state = State.Headers;
        _carryLength = 0;
        _remaining = 0;
    }

    /// <summary>Consumes bytes until one response completes, the input runs out, or the input proves invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ParseStep Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (consumed < data.Length)
        {
            var rest = data[consumed..];
            switch (_state)
            {
                case State.Headers:
                    var step = ParseHeaders(rest, out var used);
                    consumed += used;
                    if (step != ParseStep.NeedMore)
                    {
                        return step;
                    }

                    break;
                case State.Body:
                case State.ChunkData:
                    var take = (int)Math.Min(_remaining, rest.Length);
                    _remaining -= take;
                    BodyBytes += take;
                    consumed += take;
                    if (_remaining == 0)
                    {
                        if (_state == State.Body)
                        {
                            return Complete();
                        }

                        _state = State.ChunkDataCr;
                    }

                    break;
                case State.BodyUntilClose:
                    BodyBytes += rest.Length;
                    consumed += rest.Length;
                    break;
                default:
                    consumed++;
                    var framing = ChunkFraming(rest[0]);
                    if (framing != ParseStep.NeedMore)
                    {
                        return framing;
                    }

                    break;
            }
        }

        return ParseStep.NeedMore;
    }

    /// <summary>End of stream: completes a read-until-close body; any other partial response is lost.</summary>
    public bool TryCompleteAtEndOfStream()
    {
        if (_state != State.BodyUntilClose)
        {
            return false;
        }

        Complete();
        return true;
    }

    private ParseStep Complete()
    {
        _state = State.Headers;
        return ParseStep.ResponseComplete;
    }

    private void BeginChunkSize()
    {
        _state = State.ChunkSize;
        _remaining = 0;
        _chunkDigits = 0;
    }

    private ParseStep ChunkFraming(byte b)
    {
        switch (_state)
        {
            case State.ChunkSize:
                var digit = HexValue(b);
                if (digit >= 0)
                {
                    // 15 hex digits already exceed any body a benchmark sees; more would overflow.
                    if (++_chunkDigits > 15)
                    {
                        return ParseStep.Invalid;
                    }

                    _remaining = (_remaining << 4) | (uint)digit;
                    return ParseStep.NeedMore;
                }

                if (_chunkDigits == 0)
                {
                    return ParseStep.Invalid;
                }

                return b switch
                {
                    (byte)';' or (byte)' ' or (byte)'\t' => Next(State.ChunkExtension),
                    (byte)'\r' => Next(State.ChunkSizeLf),
                    (byte)'\n' => EndOfChunkSizeLine(),
                    _ => ParseStep.Invalid,
                };
            case State.ChunkExtension:
                return b switch
                {
                    (byte)'\r' => Next(State.ChunkSizeLf),
                    (byte)'\n' => EndOfChunkSizeLine(),
                    _ => ParseStep.NeedMore,
                };
            case State.ChunkSizeLf:
                return b == '\n' ? EndOfChunkSizeLine() : ParseStep.Invalid;
            case State.ChunkDataCr:
                return b == '\r' ? Next(State.ChunkDataLf) : ParseStep.Invalid;
            case State.ChunkDataLf:
                if (b != '\n')
                {
                    return ParseStep.Invalid;
                }

                BeginChunkSize();
                return ParseStep.NeedMore;
            case State.TrailerLineStart:
                return b switch
                {
                    (byte)'\r' => Next(State.TrailerEndLf),
                    (byte)'\n' => Complete(),
                    _ => Next(State.TrailerLine),
                };
            case State.TrailerLine:
                return b == '\n' ? Next(State.TrailerLineStart) : ParseStep.NeedMore;
            case State.TrailerEndLf:
                return b == '\n' ? Complete() : ParseStep.Invalid;
            default:
                return ParseStep.Invalid;
        }
    }

    private ParseStep EndOfChunkSizeLine() => Next(_remaining == 0 ? State.TrailerLineStart : State.ChunkData);

    private ParseStep Next(State next)
    {
        _state = next;
        return ParseStep.NeedMore;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
