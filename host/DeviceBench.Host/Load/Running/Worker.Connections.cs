using DeviceBench.Host.Load.Linux;

namespace DeviceBench.Host.Load.Running;

/// <summary>The connection lifecycle: connect, fail, close, reconnect, and the periodic timeout sweep.</summary>
internal sealed partial class Worker
{
    private void StartConnect(Connection connection, long now)
    {
        var fd = TcpSocket.StartConnect(_plan.Address, out _);
        if (fd < 0)
        {
            Counters.Errors[(int)ErrorClass.Connect]++;
            WaitToRetry(connection, now);
            return;
        }

        connection.Fd = fd;
        connection.NewGeneration();
        connection.State = ConnectionState.Connecting;
        connection.StateTicks = now;
        _epoll.Add(fd, ConnectInterest, connection.Token);
    }

    private void OnConnectCompleted(Connection connection)
    {
        if (TcpSocket.ConnectResult(connection.Fd) != 0)
        {
            Fail(connection, ErrorClass.Connect);
            return;
        }

        connection.State = ConnectionState.Open;
        _epoll.Modify(connection.Fd, ReadInterest, connection.Token);
        Counters.OpenConnections++;
        if (connection.EverOpened)
        {
            Counters.Reconnects++;
        }

        connection.EverOpened = true;
        if (_running)
        {
            ResumeSending(connection, Clock.Now);
        }
    }

    /// <summary>Counts one error, closes the connection and reopens it (after a pause if connecting itself failed).</summary>
    private void Fail(Connection connection, ErrorClass error)
    {
        Counters.Errors[(int)error]++;
        Drop(connection);
        if (error == ErrorClass.Connect)
        {
            WaitToRetry(connection, Clock.Now);
        }
        else
        {
            Reopen(connection);
        }
    }

    /// <summary>Closes a connection that ended normally (the server closed it between or after responses) and reopens it.</summary>
    private void Recycle(Connection connection)
    {
        Drop(connection);
        Reopen(connection);
    }

    private void Reopen(Connection connection)
    {
        if (MayConnect(connection))
        {
            StartConnect(connection, Clock.Now);
        }
    }

    /// <summary>Before the end, always; while draining, only an open-loop connection that still owes requests.</summary>
    private bool MayConnect(Connection connection) => _running
        && (!_stopping || (_plan.IsOpenLoop && !_plan.StopRequested && connection.NextPlannedTicks < _plan.EndTicks));

    private static void WaitToRetry(Connection connection, long now)
    {
        // A refused port fails instantly; retrying at once would turn the engine into a connect() spinner.
        connection.State = ConnectionState.WaitingToRetry;
        connection.StateTicks = now + RetryDelayTicks;
    }

    private void Drop(Connection connection)
    {
        if (connection.Fd >= 0)
        {
            // Closing the descriptor also removes it from the epoll set.
            TcpSocket.Close(connection.Fd);
            connection.Fd = -1;
            connection.NewGeneration();
            if (connection.State == ConnectionState.Open)
            {
                Counters.OpenConnections--;
            }
        }

        _outstanding -= connection.Forget();
        connection.State = ConnectionState.Closed;
    }

    private void Housekeeping(long now)
    {
        foreach (var connection in _connections)
        {
            switch (connection.State)
            {
                case ConnectionState.Connecting when now - connection.StateTicks > _plan.ConnectTimeoutTicks:
                    Fail(connection, ErrorClass.Connect);
                    break;
                case ConnectionState.Open when connection.Outstanding > 0 && now - connection.OldestSentTicks > _plan.TimeoutTicks:
                    // HTTP/1.1 has no request ids: a late answer could not be told apart from the next one, so the connection goes.
                    Fail(connection, ErrorClass.Timeout);
                    break;
                case ConnectionState.WaitingToRetry when MayConnect(connection) && now >= connection.StateTicks:
                    StartConnect(connection, now);
                    break;
                case ConnectionState.Closed when MayConnect(connection):
                    StartConnect(connection, now);
                    break;
                default:
                    break;
            }
        }
    }
}
