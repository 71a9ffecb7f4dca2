using System.Runtime.CompilerServices;
using DeviceBench.Host.Load.Http;
using DeviceBench.Host.Load.Linux;

namespace DeviceBench.Host.Load.Running;

/// <summary>The hot path: sending requests (closed and open loop), receiving and timing responses.</summary>
internal sealed partial class Worker
{
    /// <summary>Sends whatever the connection owes now that it can send again.</summary>
    private void ResumeSending(Connection connection, long now)
    {
        if (!_plan.IsOpenLoop)
        {
            SendClosedLoop(connection, now);
        }
        else if (connection.Blocked)
        {
            SendDue(connection, now, onTime: false);
        }
    }

    /// <summary>Closed loop (wrk): a new batch of <c>pipeline</c> requests as soon as the previous one is answered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SendClosedLoop(Connection connection, long now)
    {
        if (_stopping || connection.Outstanding > 0 || !connection.CanSend(_plan.Pipeline))
        {
            return;
        }

        for (var i = 0; i < _plan.Pipeline; i++)
        {
            connection.Push(now, now);
        }

        _outstanding += _plan.Pipeline;
        Write(connection, _plan.Batch.Length);
    }

    /// <summary>Open loop: pops every connection whose next planned send time has come.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunSchedule(long now)
    {
        while (_schedule.TryPeek(out var connection, out var due) && due <= now)
        {
            _schedule.Dequeue();
            SendDue(connection, now, onTime: true);
        }
    }

    /// <summary>
    /// Open loop (wrk2): sends every request whose planned time has passed, as far as the pipeline allows.
    /// A request that had to wait for the server keeps its planned time, so the wait is charged to the server
    /// (coordinated omission corrected); a connection that cannot send is marked blocked and catches up later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SendDue(Connection connection, long now, bool onTime)
    {
        var end = _plan.EndTicks;
        if (_plan.StopRequested || connection.NextPlannedTicks >= end)
        {
            connection.Blocked = false;
            return;
        }

        if (!connection.CanSend(_plan.Pipeline))
        {
            connection.Blocked = true;
            return;
        }

        var count = 0;
        while (connection.Outstanding < _plan.Pipeline && connection.NextPlannedTicks <= now && connection.NextPlannedTicks < end)
        {
            if (onTime && count == 0)
            {
                Recorders.SendLag!.RecordValue(Clock.ToMicros(now - connection.NextPlannedTicks));
            }

            connection.Push(connection.NextPlannedTicks, now);
            connection.NextIndex++;
            connection.NextPlannedTicks = _plan.PlannedTicks(connection.Id, connection.NextIndex);
            count++;
        }

        connection.Blocked = connection.NextPlannedTicks <= now && connection.NextPlannedTicks < end;
        if (!connection.Blocked && connection.NextPlannedTicks < end)
        {
            _schedule.Enqueue(connection, connection.NextPlannedTicks);
        }

        if (count > 0)
        {
            _outstanding += count;
            Write(connection, count * _plan.Request.Length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write(Connection connection, int length)
    {
        var sent = TcpSocket.Send(connection.Fd, _plan.Batch, 0, length);
        if (sent < 0)
        {
            Fail(connection, ErrorClass.Write);
            return;
        }

        Counters.BytesWritten += sent;
        if (sent < length)
        {
            connection.WriteOffset = sent;
            connection.WriteEnd = length;
            _epoll.Modify(connection.Fd, ReadWriteInterest, connection.Token);
        }
    }

    private void OnWritable(Connection connection)
    {
        var sent = TcpSocket.Send(connection.Fd, _plan.Batch, connection.WriteOffset, connection.WriteEnd - connection.WriteOffset);
        if (sent < 0)
        {
            Fail(connection, ErrorClass.Write);
            return;
        }

        Counters.BytesWritten += sent;
        connection.WriteOffset += sent;
        if (!connection.IsWritePending)
        {
            connection.WriteOffset = 0;
            connection.WriteEnd = 0;
            _epoll.Modify(connection.Fd, ReadInterest, connection.Token);
            if (_running)
            {
                ResumeSending(connection, Clock.Now);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnReadable(Connection connection, uint events)
    {
        // Edge-triggered: read until a receive comes back short of the buffer, or to the end once the peer closed.
        var toEnd = (events & (Epoll.PeerClosed | Epoll.HangUp | Epoll.Error)) != 0;
        while (true)
        {
            var received = TcpSocket.Receive(connection.Fd, _receiveBuffer);
            if (received == -2)
            {
                // Drained exactly at the end of a full buffer: what it held may still have freed the connection to send.
                break;
            }

            if (received == -1)
            {
                Fail(connection, ErrorClass.Read);
                return;
            }

            if (received == 0)
            {
                OnEndOfStream(connection);
                return;
            }

            Counters.BytesRead += received;
            if (!Consume(connection, _receiveBuffer.AsSpan(0, received)))
            {
                return;
            }

            if (received < _receiveBuffer.Length && !toEnd)
            {
                break;
            }
        }

        if (_running && connection.Outstanding < _plan.Pipeline)
        {
            ResumeSending(connection, Clock.Now);
        }
    }

    /// <summary>Parses received bytes, timing every response they complete; false once the connection was closed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Consume(Connection connection, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (connection.Outstanding == 0)
            {
                // Bytes nobody asked for: the previous response ran past its declared length.
                Fail(connection, ErrorClass.Length);
                return false;
            }

            var step = connection.Parser.Parse(data, out var consumed);
            data = data[consumed..];
            if (step == ParseStep.Invalid)
            {
                Fail(connection, ErrorClass.Parse);
                return false;
            }

            if (step == ParseStep.ResponseComplete)
            {
                OnResponse(connection, Clock.Now);
                if (connection.Parser.CloseAfterResponse)
                {
                    Recycle(connection);
                    return false;
                }
            }
        }

        return true;
    }

    private void OnEndOfStream(Connection connection)
    {
        if (connection.Parser.TryCompleteAtEndOfStream())
        {
            OnResponse(connection, Clock.Now);
            Recycle(connection);
        }
        else if (connection.Parser.IsInDeclaredBody)
        {
            Fail(connection, ErrorClass.Length);
        }
        else if (connection.Outstanding > 0 || connection.Parser.IsMidResponse)
        {
            Fail(connection, ErrorClass.Read);
        }
        else
        {
            // An idle keep-alive connection the server chose to close: reopen it, nothing was lost.
            Recycle(connection);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnResponse(Connection connection, long now)
    {
        connection.Pop(out var planned, out var sent);
        _outstanding--;
        Counters.Responses++;
        Recorders.Latency.RecordValue(Clock.ToMicros(now - planned));
        Recorders.Uncorrected?.RecordValue(Clock.ToMicros(now - sent));

        var status = connection.Parser.StatusCode;
        var statusOk = _plan.ExpectedStatus is int expected ? status == expected : status is >= 200 and < 400;
        if (!statusOk)
        {
            Counters.Errors[(int)ErrorClass.Status]++;
        }
        else if (_plan.ExpectedBodyBytes is long bodyBytes && connection.Parser.BodyBytes != bodyBytes)
        {
            Counters.Errors[(int)ErrorClass.Length]++;
        }
    }
}
