namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>request-line = method SP request-target SP HTTP-version CRLF (RFC 9112 §3), strictly: one SP, CRLF only.</summary>
internal partial struct RequestParser
{
    private static readonly ulong Get = Pack("GET"u8), Head = Pack("HEAD"u8), Options = Pack("OPTIONS"u8), Connect = Pack("CONNECT"u8);

    private const byte HttpCandidate = 1, HttpsCandidate = 2;

    private static ReadOnlySpan<byte> HttpScheme => "http://"u8;

    private static ReadOnlySpan<byte> HttpsScheme => "https://"u8;

    private static ReadOnlySpan<byte> HttpName => "HTTP/"u8;

    /// <summary>RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.</summary>
    private void RequestLineStart(byte b, ref int i, RequestLimits limits)
    {
        if (b == '\r')
        {
            if (!AddLineBytes(1, limits, 400)) return;
            _state = State.LeadingLf;
            i++;
        }
        else if (HttpChars.IsToken(b)) _state = State.Method;
        else Fail(400);
    }

    private void LeadingLf(byte b, ref int i)
    {
        if (b != '\n') { Fail(400); return; }
        _state = State.RequestLineStart;
        i++;
    }

    private void MethodRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits)
    {
        var rest = input[i..];
        int n = rest.IndexOfAnyExcept(HttpChars.Token);
        if (n < 0) n = rest.Length;
        for (int k = 0; k < n && _length + k < sizeof(ulong); k++) _methodPrefix |= (ulong)rest[k] << (8 * (_length + k));
        _length += n;
        i += n;
        if (_length > limits.MaxMethodBytes) { Fail(501); return; }
        if (!AddLineBytes(n, limits, 400) || n == rest.Length) return;
        if (rest[n] != ' ') { Fail(400); return; }
        if (!AddLineBytes(1, limits, 400)) return;
        Method = _length > sizeof(ulong) ? HttpMethodKind.Other
            : _methodPrefix == Get ? HttpMethodKind.Get : _methodPrefix == Head ? HttpMethodKind.Head
            : _methodPrefix == Options ? HttpMethodKind.Options : _methodPrefix == Connect ? HttpMethodKind.Connect
            : HttpMethodKind.Other;
        _state = State.TargetStart;
        i++;
    }

    /// <summary>
    /// origin-form (<c>/path?query</c>), absolute-form for http and https (§3.2.2) or asterisk-form (§3.2.4); for
    /// CONNECT, authority-form and only that (§3.2.3, RFC 9110 §9.3.6).
    /// </summary>
    private void TargetStart(byte b, ref int i, RequestLimits limits)
    {
        if (Method == HttpMethodKind.Connect)
        {
            _authority = default;
            _state = State.Authority;
            return;
        }
        if (!AddLineBytes(1, limits, 414)) return;
        switch (b)
        {
            case (byte)'/': CapturePath(b); _state = State.Path; break;
            case (byte)'*': _state = State.Asterisk; break;
            case (byte)'h' or (byte)'H': _index = 1; _candidates = HttpCandidate | HttpsCandidate; _state = State.Scheme; break;
            default: Fail(400); return;
        }
        i++;
    }

    private void TargetRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits, System.Buffers.SearchValues<byte> allowed)
    {
        var rest = input[i..];
        int n = rest.IndexOfAnyExcept(allowed);
        if (n < 0) n = rest.Length;
        if (_state == State.Path) CapturePath(rest[..n]);
        i += n;
        if (!AddLineBytes(n, limits, 414) || n == rest.Length || !AddLineBytes(1, limits, 414)) return;
        switch (rest[n])
        {
            case (byte)'%':
                if (_state == State.Path) CapturePath(rest[n]);
                _afterPercent = _state;
                _index = 0;
                _state = State.Percent;
                break;
            case (byte)'?': _state = State.Query; break;
            case (byte)' ': EndTarget(); break;
            default: Fail(400); return;
        }
        i++;
    }

    /// <summary>pct-encoded = "%" HEXDIG HEXDIG (RFC 3986 §2.1). The path is not decoded: <c>/%6Ason</c> is not /json.</summary>
    private void Percent(byte b, ref int i, RequestLimits limits)
    {
        if (!AddLineBytes(1, limits, 414)) return;
        if (!HttpChars.IsHexDigit(b)) { Fail(400); return; }
        if (_afterPercent == State.Path) CapturePath(b);
        if (++_index == 2) _state = _afterPercent;
        i++;
    }

    /// <summary>
    /// http-URI or https-URI up to the authority (RFC 9110 §4.2.1, §4.2.2): the scheme is case-insensitive (RFC 3986
    /// §3.1). Other schemes are not served here.
    /// </summary>
    private void Scheme(byte b, ref int i, RequestLimits limits)
    {
        if (!AddLineBytes(1, limits, 414)) return;
        byte lower = HttpChars.ToLower(b);
        if (_index >= HttpScheme.Length || lower != HttpScheme[_index]) _candidates &= unchecked((byte)~HttpCandidate);
        if (lower != HttpsScheme[_index]) _candidates &= unchecked((byte)~HttpsCandidate);
        if (_candidates == 0) { Fail(400); return; }
        _index++;
        if (_index == (_candidates == HttpCandidate ? HttpScheme.Length : HttpsScheme.Length))
        {
            _authority = default;
            _state = State.Authority;
        }
        i++;
    }

    /// <summary>
    /// The authority of an absolute-form target, ended by its path, query or the SP (an empty path is "/"), or an
    /// authority-form target (CONNECT), ended by the SP; its syntax is checked as it arrives (<see cref="AuthoritySyntax"/>).
    /// Byte by byte: only these rare forms come here, an origin-form target never does.
    /// </summary>
    private void AuthorityRun(ReadOnlySpan<byte> input, ref int i, RequestLimits limits)
    {
        bool authorityForm = Method == HttpMethodKind.Connect;
        for (; i < input.Length; i++)
        {
            if (!AddLineBytes(1, limits, 414)) return;
            byte b = input[i];
            if (b == ' ' || (!authorityForm && b is (byte)'/' or (byte)'?'))
            {
                // authority-form = uri-host ":" port, and CONNECT has no default port (RFC 9110 §9.3.6).
                if (!_authority.IsComplete(portRequired: authorityForm)) { Fail(400); return; }
                if (!authorityForm) CapturePath((byte)'/');
                if (b == '/') _state = State.Path;
                else if (b == '?') _state = State.Query;
                else EndTarget();
                i++;
                return;
            }
            if (!_authority.Add(b)) { Fail(400); return; }
        }
    }

    private void Asterisk(byte b, ref int i, RequestLimits limits)
    {
        if (!AddLineBytes(1, limits, 400)) return;
        if (b != ' ' || Method != HttpMethodKind.Options) { Fail(400); return; }
        _flags |= Flags.AsteriskForm;
        Route = Route.NotFound;
        _state = State.Version;
        _index = 0;
        i++;
    }

    private void EndTarget()
    {
        Route = _pathLength <= PathCapacity ? Routes.Match(((ReadOnlySpan<byte>)_path)[.._pathLength]) : Route.NotFound;
        _state = State.Version;
        _index = 0;
    }

    /// <summary>HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3), then CRLF.</summary>
    private void Version(byte b, ref int i, RequestLimits limits)
    {
        // The limit counts the request-line without its CRLF; the version has a fixed length and the method its own
        // limit, so a line that overflows here does so because of its target: 414.
        if (_index < 8 && !AddLineBytes(1, limits, 414)) return;
        bool ok = _index switch
        {
            < 5 => b == HttpName[_index],
            5 => char.IsAsciiDigit((char)b),
            6 => b == '.',
            7 => char.IsAsciiDigit((char)b),
            _ => b == '\r',
        };
        if (!ok) { Fail(400); return; }
        if (_index == 5) _versionMajor = (byte)(b - '0');
        else if (_index == 7) _versionMinor = (byte)(b - '0');
        else if (_index == 8) _state = State.RequestLineLf;
        _index++;
        i++;
    }

    /// <summary>A bare LF is refused rather than tolerated (RFC 9112 §2.2 allows either): it is a smuggling vector.</summary>
    private void RequestLineLf(byte b, ref int i)
    {
        if (b != '\n') { Fail(400); return; }
        if (_versionMajor != 1) { Fail(505); return; }
        // A later 1.x is served as 1.1, the highest minor version this engine implements (RFC 9110 §2.5).
        if (_versionMinor > 1) _versionMinor = 1;
        _state = State.FieldLineStart;
        i++;
    }

    private bool AddLineBytes(int n, RequestLimits limits, int status)
    {
        _lineBytes += n;
        return _lineBytes <= limits.MaxRequestLineBytes || Fail(status);
    }

    private static ulong Pack(ReadOnlySpan<byte> method)
    {
        ulong packed = 0;
        for (int k = 0; k < method.Length; k++) packed |= (ulong)method[k] << (8 * k);
        return packed;
    }
}
