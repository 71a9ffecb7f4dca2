using System.Runtime.InteropServices;

namespace DeviceBench.Firmware.Engines.Minimal.Http;

/// <summary>
/// <c>host [":" port]</c> of RFC 3986 §3.2.2–3.2.3, checked a byte at a time as it arrives (8 bytes of state, no
/// buffer): the authority of an absolute-form or authority-form target (RFC 9112 §3.2.2, §3.2.3) and the Host field
/// value (RFC 9112 §3.2, which makes an invalid one a 400).
/// host = IP-literal / IPv4address / reg-name, IP-literal = "[" ( IPv6address / IPvFuture ) "]". An IPv4address is a
/// reg-name too ("1.2.3.999" is a valid name), so only IP literals need more than a character class. port = *DIGIT,
/// possibly empty, and not bounded by the grammar. There is no userinfo: the Host grammar has none, and in an http(s)
/// target a recipient SHOULD treat it as an error (RFC 9110 §4.2.4: it disguises the authority).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct AuthoritySyntax
{
    private Part _part;
    private Flags _flags;
    /// <summary>IPv6: 16-bit pieces so far, an IPv4 tail counting as two.</summary>
    private byte _pieces;
    /// <summary>Digits of the current h16 piece, IPv4 octet, percent triplet, IPvFuture part or port.</summary>
    private byte _digits;
    /// <summary>IPv4 tail: octets completed.</summary>
    private byte _octets;
    /// <summary>Decimal value of the current piece or octet: an all-decimal h16 may turn out to be an IPv4 tail's first octet.</summary>
    private short _value;

    /// <summary>No byte yet.</summary>
    public readonly bool IsEmpty => _part == Part.Start;

    /// <summary>Takes the next byte; false if the authority cannot be valid any more.</summary>
    public bool Add(byte b)
    {
        switch (_part)
        {
            case Part.Start when b == '[':
                _part = Part.LiteralStart;
                return true;
            case Part.Start or Part.RegName:
                return RegName(b);
            case Part.Percent:
                if (!HttpChars.IsHexDigit(b)) return false;
                if (++_digits == 2) _part = Part.RegName;
                return true;
            case Part.LiteralStart when b is (byte)'v' or (byte)'V':
                _part = Part.FutureVersion;
                return true;
            case Part.LiteralStart or Part.Ipv6:
                _part = Part.Ipv6;
                return (_flags & Flags.Ipv4) != 0 ? Ipv4Tail(b) : Ipv6(b);
            case Part.FutureVersion:
                // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
                if (HttpChars.IsHexDigit(b)) { _digits = 1; return true; }
                if (b != '.' || _digits == 0) return false;
                _digits = 0;
                _part = Part.FutureBody;
                return true;
            case Part.FutureBody:
                if (b == ']') return _digits != 0 && CloseLiteral();
                _digits = 1;
                return b == ':' || HttpChars.RegName.Contains(b);
            case Part.LiteralEnd:
                if (b != ':') return false;
                _part = Part.Port;
                return true;
            default:
                if (!char.IsAsciiDigit((char)b)) return false;
                _digits = 1;
                return true;
        }
    }

    /// <summary>Whether the bytes so far are a whole authority with a host, and a port if <paramref name="portRequired"/>.</summary>
    public readonly bool IsComplete(bool portRequired) =>
        (_flags & Flags.HasHost) != 0 && _part is Part.RegName or Part.LiteralEnd or Part.Port
        && (!portRequired || (_part == Part.Port && _digits != 0));

    // reg-name = *( unreserved / pct-encoded / sub-delims ); an http authority's host is never empty (RFC 9110 §4.2.1).
    private bool RegName(byte b)
    {
        _part = Part.RegName;
        if (b == ':')
        {
            _part = Part.Port;
            _digits = 0;
            return (_flags & Flags.HasHost) != 0;
        }
        _flags |= Flags.HasHost;
        if (b != '%') return HttpChars.RegName.Contains(b);
        _part = Part.Percent;
        _digits = 0;
        return true;
    }

    /// <summary>
    /// IPv6address (RFC 3986 §3.2.2): eight h16 pieces of 1–4 hex digits separated by ":", or at most seven around a
    /// single "::"; the last two may be an IPv4address. A lone ":" may neither start nor end it.
    /// </summary>
    private bool Ipv6(byte b)
    {
        bool doubleColon = (_flags & Flags.DoubleColon) != 0;
        if (HttpChars.IsHexDigit(b))
        {
            if ((_flags & Flags.LoneColon) != 0 || _digits == 4) return false;
            if (_digits == 0)
            {
                if (_pieces >= (doubleColon ? 7 : 8)) return false;
                _flags |= Flags.Decimal;
                _value = 0;
            }
            _digits++;
            _flags &= ~Flags.Colon;
            if (char.IsAsciiDigit((char)b)) _value = (short)(_value * 10 + (b - '0'));
            else _flags &= ~Flags.Decimal;
            return true;
        }
        switch (b)
        {
            case (byte)':' when _digits > 0:
                _pieces++;
                _digits = 0;
                _flags |= Flags.Colon;
                return true;
            case (byte)':' when (_flags & Flags.Colon) != 0:
                if (doubleColon) return false;
                _flags = (_flags | Flags.DoubleColon) & ~(Flags.Colon | Flags.LoneColon);
                return true;
            case (byte)':':
                if (_pieces != 0 || doubleColon) return false; // ":::", or a third colon after "::"
                _flags |= Flags.Colon | Flags.LoneColon;
                return true;
            case (byte)'.':
                // The piece so far was the IPv4 tail's first octet; the tail takes two pieces' room.
                if ((_flags & Flags.Decimal) == 0 || !IsDecOctet() || _pieces + 2 > (doubleColon ? 7 : 8)) return false;
                _flags |= Flags.Ipv4;
                _octets = 1;
                _digits = 0;
                _value = 0;
                return true;
            case (byte)']':
                if ((_flags & Flags.LoneColon) != 0) return false;
                if (_digits > 0) _pieces++;
                else if ((_flags & Flags.Colon) != 0) return false; // a trailing single ":"
                return PieceCountIsWhole();
            default:
                return false;
        }
    }

    /// <summary>IPv4address = dec-octet "." dec-octet "." dec-octet "." dec-octet, the first octet already taken.</summary>
    private bool Ipv4Tail(byte b)
    {
        if (char.IsAsciiDigit((char)b))
        {
            if (_digits == 3) return false;
            _value = (short)(_value * 10 + (b - '0'));
            _digits++;
            return true;
        }
        if (!IsDecOctet()) return false;
        if (b == '.' && _octets < 3)
        {
            _octets++;
            _digits = 0;
            _value = 0;
            return true;
        }
        if (b != ']' || _octets != 3) return false;
        _pieces += 2;
        return PieceCountIsWhole();
    }

    /// <summary>Eight pieces, or up to seven around "::" (which stands for at least one), close the literal.</summary>
    private bool PieceCountIsWhole() => ((_flags & Flags.DoubleColon) != 0 ? _pieces <= 7 : _pieces == 8) && CloseLiteral();

    /// <summary>dec-octet: 0–255 in 1–3 digits without a leading zero.</summary>
    private readonly bool IsDecOctet() =>
        _digits is >= 1 and <= 3 && _value <= 255 && (_digits == 1 || _value >= (_digits == 2 ? 10 : 100));

    private bool CloseLiteral()
    {
        _part = Part.LiteralEnd;
        _flags |= Flags.HasHost;
        return true;
    }

    private enum Part : byte { Start, RegName, Percent, LiteralStart, Ipv6, FutureVersion, FutureBody, LiteralEnd, Port }

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        HasHost = 1 << 0,
        /// <summary>The last byte was a ":" (after a piece, or the first of a leading "::").</summary>
        Colon = 1 << 1,
        /// <summary>A ":" that opened the literal: only a second ":" may follow.</summary>
        LoneColon = 1 << 2,
        DoubleColon = 1 << 3,
        /// <summary>Every digit of the current piece is decimal.</summary>
        Decimal = 1 << 4,
        Ipv4 = 1 << 5,
    }
}
