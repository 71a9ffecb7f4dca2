using System.Runtime.CompilerServices;
using System.Buffers.Text;
using System.Text;

namespace DeviceBench.Host.Load.Http;

/// <summary>The header-block half of the parser: status line, framing headers, and blocks split across receives.</summary>
internal sealed partial class ResponseParser
{
    // Real servers send 100–300 header bytes; 16 KiB is far past any honest response and bounds memory per connection.
    private const int MaxHeaderBytes = 16 * 1024;
    private const int FirstCarryBytes = 1024;

    private byte[]? _carry;
    private int _carryLength;

    /// <summary>NeedMore means "keep going": either all input was stashed, or the head ended and a body follows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ParseStep ParseHeaders(ReadOnlySpan<byte> data, out int consumed)
    {
        if (_carryLength == 0)
        {
            var end = data.IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                consumed = end + 4;
                return OnHeaderBlock(data[..consumed]);
            }

            consumed = data.Length;
            return StartsLikeResponse(data) && Stash(data) ? ParseStep.NeedMore : ParseStep.Invalid;
        }

        // The block began in an earlier receive: append, then look for its end from just before the seam.
        var searchFrom = Math.Max(0, _carryLength - 3);
        var take = Math.Min(data.Length, MaxHeaderBytes - _carryLength);
        var previousLength = _carryLength;
        if (!Stash(data[..take]))
        {
            consumed = take;
            return ParseStep.Invalid;
        }

        var found = _carry.AsSpan(searchFrom, _carryLength - searchFrom).IndexOf("\r\n\r\n"u8);
        if (found < 0)
        {
            consumed = take;
            return StartsLikeResponse(_carry.AsSpan(0, _carryLength)) && _carryLength < MaxHeaderBytes ? ParseStep.NeedMore : ParseStep.Invalid;
        }

        var blockLength = searchFrom + found + 4;
        consumed = blockLength - previousLength;
        _carryLength = 0;
        return OnHeaderBlock(_carry.AsSpan(0, blockLength));
    }

    private bool Stash(ReadOnlySpan<byte> data)
    {
        var needed = _carryLength + data.Length;
        if (needed > MaxHeaderBytes)
        {
            return false;
        }

        if (_carry is null || _carry.Length < needed)
        {
            // Grows a few times at most per connection, never per response.
            var grown = new byte[Math.Min(MaxHeaderBytes, Math.Max(needed, Math.Max(FirstCarryBytes, (_carry?.Length ?? 0) * 2)))];
            _carry?.AsSpan(0, _carryLength).CopyTo(grown);
            _carry = grown;
        }

        data.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength = needed;
        return true;
    }

    /// <summary>Rejects garbage as soon as its first bytes arrive instead of waiting for a header block that never ends.</summary>
    private static bool StartsLikeResponse(ReadOnlySpan<byte> start)
    {
        var prefix = "HTTP/1."u8;
        var length = Math.Min(start.Length, prefix.Length);
        return start[..length].SequenceEqual(prefix[..length]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ParseStep OnHeaderBlock(ReadOnlySpan<byte> block)
    {
        BodyBytes = 0;
        var lineEnd = block.IndexOf((byte)'\n');
        var line = block[..lineEnd].TrimEnd((byte)'\r');
        if (!TryParseStatusLine(line, out var status, out var http10))
        {
            return ParseStep.Invalid;
        }

        var close = http10;
        var contentLength = -1L;
        var chunked = false;
        var rest = block[(lineEnd + 1)..];
        while ((lineEnd = rest.IndexOf((byte)'\n')) >= 0)
        {
            line = rest[..lineEnd].TrimEnd((byte)'\r');
            rest = rest[(lineEnd + 1)..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return ParseStep.Invalid;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0
                    || (contentLength >= 0 && contentLength != length))
                {
                    return ParseStep.Invalid;
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = ConnectionSaysClose(value, close);
            }
        }

        StatusCode = status;
        CloseAfterResponse = close;
        if (status < 200)
        {
            // 100 Continue and friends precede the real response; 101 would switch protocols, which a load test never asks for.
            return status == 101 ? ParseStep.Invalid : ParseStep.NeedMore;
        }

        if (_responsesHaveNoBody || status == 204 || status == 304)
        {
            return Complete();
        }

        if (chunked)
        {
            BeginChunkSize();
            return ParseStep.NeedMore;
        }

        if (contentLength == 0)
        {
            return Complete();
        }

        if (contentLength > 0)
        {
            _state = State.Body;
            _remaining = contentLength;
            return ParseStep.NeedMore;
        }

        _state = State.BodyUntilClose;
        CloseAfterResponse = true;
        return ParseStep.NeedMore;
    }

    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int status, out bool http10)
    {
        status = 0;
        http10 = false;
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)line[7]) || line[8] != ' '
            || (line.Length > 12 && line[12] != ' '))
        {
            return false;
        }

        for (var i = 9; i < 12; i++)
        {
            if (!char.IsAsciiDigit((char)line[i]))
            {
                return false;
            }

            status = (status * 10) + (line[i] - '0');
        }

        http10 = line[7] == '0';
        return true;
    }

    private static bool ConnectionSaysClose(ReadOnlySpan<byte> value, bool closeByDefault)
    {
        var close = closeByDefault;
        foreach (var range in value.Split((byte)','))
        {
            var token = value[range].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(token, "close"u8))
            {
                return true;
            }

            if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8))
            {
                close = false;
            }
        }

        return close;
    }
}
