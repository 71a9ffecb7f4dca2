using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>
/// An incremental HTTP/1.x request parser (RFC 9112): a state machine fed whatever bytes arrived, split anywhere.
/// It keeps no copy of the request — only the first bytes of the path, for routing — so a connection's parse state
/// is this struct (96 bytes on x64) however slowly its request trickles in, and a half-received request never pins a
/// buffer. Long runs (target, field values) are scanned with vectorised <see cref="System.Buffers.SearchValues{T}"/>.
/// It never throws: every malformed input ends in <see cref="ParseStatus.Failed"/> with a status code.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal partial struct RequestParser
{
    /// <summary>Bytes of path kept for routing; every route in <see cref="Routes"/> is shorter.</summary>
    private const int PathCapacity = 16;

    private State _state;
    private State _afterPercent;
    private byte _index;
    private byte _candidates;
    private byte _versionMajor;
    private byte _versionMinor;
    private KnownHeader _header;
    private Flags _flags;
    private int _length;
    private int _lineBytes;
    private int _headerBytes;
    private int _headerCount;
    private int _pathLength;
    private ulong _methodPrefix;
    private long _number;
    private long _contentLength;
    private long _bodyRemaining;
    private PathBytes _path;
    private AuthoritySyntax _authority;

    public HttpMethodKind Method { get; private set; }

    public Route Route { get; private set; }

    /// <summary>The target was <c>*</c> (asterisk-form, RFC 9112 §3.2.4; only with OPTIONS).</summary>
    public readonly bool IsAsteriskForm => (_flags & Flags.AsteriskForm) != 0;

    public readonly bool IsHttp10 => _versionMinor == 0;

    /// <summary>The connection stays open after this request (RFC 9112 §9.3).</summary>
    public readonly bool KeepAlive => (_flags & Flags.KeepAlive) != 0;

    /// <summary>The status to answer once <see cref="Parse"/> returned <see cref="ParseStatus.Failed"/>.</summary>
    public int ErrorStatus { get; private set; }

    /// <summary>No byte of a next request has arrived: the connection is idle between requests.</summary>
    public readonly bool IsIdle => _state == State.RequestStart;

    public readonly bool IsReadingBody => _state == State.Body;

    public readonly bool IsReadingHead => _state is not (State.RequestStart or State.Body or State.Failed);

    /// <summary>
    /// Consumes <paramref name="input"/> from <paramref name="offset"/>, stopping right after a complete request head
    /// (so the caller answers requests in order) or at the first error. Afterwards <paramref name="offset"/> is where
    /// the next call resumes; on <see cref="ParseStatus.NeedMore"/> it is the end of the input.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> input, ref int offset, RequestLimits limits)
    {
        int i = offset;
        while (i < input.Length)
        {
            switch (_state)
            {
                case State.RequestStart: this = default; _state = State.RequestLineStart; break;
                case State.RequestLineStart: RequestLineStart(input[i], ref i, limits); break;
                case State.LeadingLf: LeadingLf(input[i], ref i); break;
                case State.Method: MethodRun(input, ref i, limits); break;
                case State.TargetStart: TargetStart(input[i], ref i, limits); break;
                case State.Path: TargetRun(input, ref i, limits, HttpChars.Path); break;
                case State.Query: TargetRun(input, ref i, limits, HttpChars.Query); break;
                case State.Percent: Percent(input[i], ref i, limits); break;
                case State.Scheme: Scheme(input[i], ref i, limits); break;
                case State.Authority: AuthorityRun(input, ref i, limits); break;
                case State.Asterisk: Asterisk(input[i], ref i, limits); break;
                case State.Version: Version(input[i], ref i, limits); break;
                case State.RequestLineLf: RequestLineLf(input[i], ref i); break;
                case State.FieldLineStart: FieldLineStart(input[i], ref i, limits); break;
                case State.FieldName: FieldNameRun(input, ref i, limits); break;
                case State.ValueSpace: ValueSpaceRun(input, ref i, limits); break;
                case State.Value: ValueRun(input, ref i, limits); break;
                case State.FieldLf: FieldLf(input[i], ref i, limits); break;
                case State.HeadEndLf:
                    if (!HeadEnd(input[i], ref i, limits)) break;
                    offset = i;
                    return ParseStatus.HeadComplete;
                case State.Body: SkipBody(input, ref i); break;
                default:
                    offset = i;
                    return ParseStatus.Failed;
            }
        }
        offset = i;
        return _state == State.Failed ? ParseStatus.Failed : ParseStatus.NeedMore;
    }

    private void SkipBody(ReadOnlySpan<byte> input, ref int i)
    {
        int n = (int)Math.Min(_bodyRemaining, input.Length - i);
        i += n;
        _bodyRemaining -= n;
        if (_bodyRemaining == 0) _state = State.RequestStart;
    }

    private bool Fail(int status)
    {
        _state = State.Failed;
        ErrorStatus = status;
        return false;
    }

    private void CapturePath(ReadOnlySpan<byte> bytes)
    {
        if (_pathLength < PathCapacity)
            bytes[..Math.Min(bytes.Length, PathCapacity - _pathLength)].CopyTo(((Span<byte>)_path)[_pathLength..]);
        _pathLength += bytes.Length;
    }

    private void CapturePath(byte b) => CapturePath(new ReadOnlySpan<byte>(in b));

    private enum State : byte
    {
        RequestStart, RequestLineStart, LeadingLf, Method, TargetStart, Path, Query, Percent, Scheme, Authority, Asterisk,
        Version, RequestLineLf, FieldLineStart, FieldName, ValueSpace, Value, FieldLf, HeadEndLf, Body, Failed,
    }

    [Flags]
    private enum Flags : ushort
    {
        None = 0,
        AsteriskForm = 1 << 0,
        HasHost = 1 << 1,
        HasContentLength = 1 << 2,
        HasTransferEncoding = 1 << 3,
        ConnectionClose = 1 << 4,
        ConnectionKeepAlive = 1 << 5,
        KeepAlive = 1 << 6,
        TrailingSpace = 1 << 7,
        ValueHasDigits = 1 << 8,
        HasExpect = 1 << 9,
        ChunkedIsFinal = 1 << 10,
    }

    [InlineArray(PathCapacity)]
    private struct PathBytes
    {
        private byte _first;
    }
}
