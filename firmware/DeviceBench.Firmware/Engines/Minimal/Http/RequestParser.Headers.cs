namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>field-line = field-name ":" OWS field-value OWS CRLF (RFC 9112 §5), and the framing rules of §6.</summary>
internal partial struct RequestParser
{
    private const byte AllNames = 0b11111;
    private const byte AllConnectionOptions = 0b11;

    private static ReadOnlySpan<byte> NameOf(int candidate) => candidate switch
    {
        0 => "host"u8,
        1 => "content-length"u8,
        2 => "transfer-encoding"u8,
        3 => "connection"u8,
        _ => "expect"u8,
    };

    private static ReadOnlySpan<byte> ConnectionOptionOf(int candidate) => candidate == 0 ? "close"u8 : "keep-alive"u8;

    private static ReadOnlySpan<byte> Chunked => "chunked"u8;

    /// <summary>SP/HTAB here is obs-fold or whitespace before the first field: both rejected (§5.2, §2.2).</summary>
    private void FieldLineStart(byte b, ref int i, RequestLimits limits)
    {
        if (b == '\r')
        {
            if (!AddHeaderBytes(1, limits)) return;
            _state = State.HeadEndLf;
            i++;
        }
        else if (!HttpChars.IsToken(b)) Fail(400);
        else if (++_headerCount > limits.MaxHeaderCount) Fail(431);
        else
        {
            _length = 0;
            _candidates = AllNames;
            _state = State.FieldName;
        }
    }

    /// <summary>No whitespace is allowed between the field name and the colon: a server MUST reject it (§5.1).</summary>
    private void FieldNameRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits)
    {
        var rest = input[i..];
        int n = rest.IndexOfAnyExcept(HttpChars.Token);
        if (n < 0) n = rest.Length;
        // A name that arrived whole is compared at once; one split across reads narrows byte by byte.
        if (_length == 0 && n < rest.Length) _candidates = WholeName(rest[..n]);
        else for (int k = 0; k < n && _candidates != 0; k++) _candidates = Match(_candidates, _length + k, rest[k], AllNames, true);
        _length += n;
        i += n;
        if (!AddHeaderBytes(n, limits) || n == rest.Length) return;
        if (rest[n] != ':') { Fail(400); return; }
        if (!AddHeaderBytes(1, limits)) return;
        i++;
        BeginValue();
    }

    /// <summary>The candidate bit of the known name <paramref name="name"/> is, case-insensitively, or 0.</summary>
    private static byte WholeName(ReadOnlySpan<byte> name)
    {
        for (int c = 0; (AllNames >> c) != 0; c++) // one bit per known name
            if (System.Text.Ascii.EqualsIgnoreCase(name, NameOf(c))) return (byte)(1 << c);
        return 0;
    }

    private void BeginValue()
    {
        _header = KnownHeader.None;
        for (int c = 0; (AllNames >> c) != 0; c++) // one bit per known name
            if ((_candidates & (1 << c)) != 0 && NameOf(c).Length == _length) _header = (KnownHeader)(c + 1);
        _flags &= ~(Flags.TrailingSpace | Flags.ValueHasDigits);
        _number = 0;
        _length = 0;
        _candidates = AllConnectionOptions;
        _state = State.ValueSpace;
        if (_header == KnownHeader.Host)
        {
            // RFC 9112 §3.2: more than one Host field line MUST be answered with 400.
            if ((_flags & Flags.HasHost) != 0) Fail(400);
            _flags |= Flags.HasHost;
            _authority = default;
        }
        else if (_header == KnownHeader.TransferEncoding) _flags |= Flags.HasTransferEncoding;
        else if (_header == KnownHeader.Expect) _flags |= Flags.HasExpect;
    }

    private void ValueSpaceRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits)
    {
        var rest = input[i..];
        int n = rest.IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (n < 0) n = rest.Length;
        i += n;
        if (AddHeaderBytes(n, limits) && n < rest.Length) _state = State.Value;
    }

    private void ValueRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits)
    {
        // One vectorised scan finds where the valid bytes end; a known field's bytes then go through ValueByte one by
        // one, each counted first, so a bad byte is still 400 before the size limit and 431 past it.
        var rest = input[i..];
        int n = rest.IndexOfAnyExcept(HttpChars.FieldValue);
        if (n < 0) n = rest.Length;
        if (_header is KnownHeader.None)
        {
            i += n;
            if (!AddHeaderBytes(n, limits)) return;
        }
        else
        {
            for (int k = 0; k < n; k++, i++)
                if (!AddHeaderBytes(1, limits) || !ValueByte(rest[k])) return; // stopped at the bad byte, as ever
        }
        if (n == rest.Length || !AddHeaderBytes(1, limits)) return;
        // NUL, a bare LF and every other CTL but HTAB are invalid in a field value (RFC 9110 §5.5).
        if (rest[n] != '\r') { Fail(400); return; }
        EndValue();
        i++;
    }

    private bool ValueByte(byte b)
    {
        bool space = b is (byte)' ' or (byte)'\t';
        switch (_header)
        {
            case KnownHeader.Host:
                // Host = uri-host [ ":" port ] (RFC 9110 §7.2); an invalid one MUST be answered with 400 (RFC 9112 §3.2).
                if (space) _flags |= Flags.TrailingSpace;
                else if ((_flags & Flags.TrailingSpace) != 0 || !_authority.Add(b)) return Fail(400);
                return true;
            case KnownHeader.ContentLength:
                // Content-Length = 1*DIGIT (RFC 9110 §8.6); a list such as "5, 5" is refused rather than reconciled.
                if (space) _flags |= Flags.TrailingSpace;
                else if ((_flags & Flags.TrailingSpace) != 0 || !char.IsAsciiDigit((char)b)) return Fail(400);
                else
                {
                    _number = _number > (long.MaxValue - 9) / 10 ? long.MaxValue : _number * 10 + (b - '0');
                    _flags |= Flags.ValueHasDigits;
                }
                return true;
            case KnownHeader.TransferEncoding:
                if (space || b == ',') EndTransferCoding();
                else if (_length++ >= Chunked.Length || HttpChars.ToLower(b) != Chunked[_length - 1]) _candidates = 0;
                return true;
            case KnownHeader.Connection:
                if (space || b == ',') EndConnectionOption();
                else if (_candidates != 0)
                    _candidates = HttpChars.IsToken(b) ? Match(_candidates, _length++, b, AllConnectionOptions, false) : (byte)0;
                return true;
            default:
                return true;
        }
    }

    private void EndValue()
    {
        _state = State.FieldLf;
        if (_header == KnownHeader.Connection) EndConnectionOption();
        if (_header == KnownHeader.TransferEncoding) EndTransferCoding();
        // An empty Host is valid: it is what a client sends when the target URI has no authority (RFC 9112 §3.2).
        if (_header == KnownHeader.Host && !_authority.IsEmpty && !_authority.IsComplete(portRequired: false)) { Fail(400); return; }
        if (_header != KnownHeader.ContentLength) return;
        if ((_flags & Flags.ValueHasDigits) == 0) { Fail(400); return; }
        // Repeated Content-Length lines must agree (RFC 9112 §6.3 item 5): a disagreement is a smuggling attempt.
        if ((_flags & Flags.HasContentLength) != 0 && _contentLength != _number) { Fail(400); return; }
        _contentLength = _number;
        _flags |= Flags.HasContentLength;
    }

    /// <summary>Connection = #connection-option (RFC 9110 §7.6.1): options are case-insensitive tokens.</summary>
    private void EndConnectionOption()
    {
        if (_length == 5 && (_candidates & 1) != 0) _flags |= Flags.ConnectionClose;
        if (_length == 10 && (_candidates & 2) != 0) _flags |= Flags.ConnectionKeepAlive;
        _length = 0;
        _candidates = AllConnectionOptions;
    }

    /// <summary>
    /// Transfer-Encoding = #transfer-coding (RFC 9112 §6.1), case-insensitive; the list runs on across field lines, so
    /// after the last member of the last line <see cref="Flags.ChunkedIsFinal"/> says whether chunked is the final coding.
    /// </summary>
    private void EndTransferCoding()
    {
        if (_length > 0)
        {
            if (_length == Chunked.Length && _candidates != 0) _flags |= Flags.ChunkedIsFinal;
            else _flags &= ~Flags.ChunkedIsFinal;
        }
        _length = 0;
        _candidates = 1;
    }

    private void FieldLf(byte b, ref int i, RequestLimits limits)
    {
        if (b != '\n') { Fail(400); return; }
        if (!AddHeaderBytes(1, limits)) return;
        _state = State.FieldLineStart;
        i++;
    }

    private bool HeadEnd(byte b, ref int i, RequestLimits limits)
    {
        if (b != '\n') return Fail(400);
        if (!AddHeaderBytes(1, limits)) return false;
        i++;
        if (_versionMinor == 1 && (_flags & Flags.HasHost) == 0) return Fail(400);
        // Chunked bodies are not supported: 501 (RFC 9112 §6.1). With a Content-Length as well, or in HTTP/1.0, the
        // framing itself is suspect (§6.1, §6.3 item 3: "ought to be handled as an error"): 400. So is a coding list
        // whose final coding is not chunked: the body length cannot be known, and §6.3 item 4 says 400 (MUST).
        if ((_flags & Flags.HasTransferEncoding) != 0)
            return Fail((_flags & Flags.HasContentLength) != 0 || _versionMinor == 0 || (_flags & Flags.ChunkedIsFinal) == 0 ? 400 : 501);
        if ((_flags & Flags.HasContentLength) != 0 && _contentLength > limits.MaxBodyBytes) return Fail(413);
        // HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive" (RFC 9112 §9.3). A client that sent
        // Expect: 100-continue may withhold its body once it has our final status (RFC 9110 §10.1.1): we close rather
        // than read its next request as body bytes.
        bool close = (_flags & Flags.ConnectionClose) != 0 || ((_flags & Flags.HasExpect) != 0 && _contentLength > 0);
        if (!close && (_versionMinor == 1 || (_flags & Flags.ConnectionKeepAlive) != 0)) _flags |= Flags.KeepAlive;
        _bodyRemaining = (_flags & Flags.HasContentLength) != 0 ? _contentLength : 0;
        _state = _bodyRemaining > 0 ? State.Body : State.RequestStart;
        return true;
    }

    private bool AddHeaderBytes(int n, RequestLimits limits)
    {
        _headerBytes += n;
        return _headerBytes <= limits.MaxHeaderBytes || Fail(431);
    }

    /// <summary>Narrows a set of candidate names (bit per candidate) by the byte at <paramref name="position"/>.</summary>
    private static byte Match(byte candidates, int position, byte b, byte all, bool names)
    {
        byte lower = HttpChars.ToLower(b);
        for (int c = 0; (all >> c) != 0; c++)
        {
            var word = names ? NameOf(c) : ConnectionOptionOf(c);
            if ((candidates & (1 << c)) != 0 && (position >= word.Length || word[position] != lower))
                candidates &= (byte)~(1 << c);
        }
        return candidates;
    }
}
