namespace DataRefresh.Engines.SqlServer;

/// <summary>SQL Server's failures in the DBA's words (connection causes by error number).</summary>
internal static class SqlServerErrors
{
    /// <summary>The port in "server,port", else SQL Server's default 1433.</summary>
    public static int Port(string? server) =>
        server?.Split(',') is [_, var port] && int.TryParse(port.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1433;

    /// <summary>
    /// Why a connection failed, from the server's error numbers (and, on Windows, the network's as SqlClient
    /// numbers them), then from the network's exceptions. SqlClient never puts the password in a message.
    /// </summary>
    public static (ConnectionFailure Failure, string Cause) Classify(IReadOnlyList<(int Number, string Message)> errors, Exception exception, string? user, string database, string host, string address, int timeoutSeconds)
    {
        var all = string.Join(" ", errors.Select(e => e.Message).Distinct());
        var numbers = errors.Select(e => e.Number).ToHashSet();
        var login = user is null ? "login failed" : $"login failed for user \"{user}\"";
        if (numbers.Contains(4060))
        {
            // 4060 comes with 18456: the login is valid, the database is not there for it.
            return (ConnectionFailure.DatabaseMissing, $"database \"{database}\" does not exist, or the login may not open it: {all}");
        }

        if (numbers.Overlaps([18456, 18452, 18486, 18487, 18488]))
        {
            return (ConnectionFailure.LoginFailed, $"{login}: {all}");
        }

        if (numbers.Contains(10061))
        {
            return (ConnectionFailure.Refused, $"connection refused: nothing is listening at {address} ({all})");
        }

        if (numbers.Contains(11001))
        {
            return (ConnectionFailure.UnknownHost, $"unknown host '{host}': the name does not resolve ({all})");
        }

        if (numbers.Contains(-2) || numbers.Contains(258))
        {
            return (ConnectionFailure.TimedOut, $"timed out after {timeoutSeconds} s (settings.connection_timeout) waiting for {address}");
        }

        return ConnectionErrors.FromNetwork(exception, host, address, timeoutSeconds) ?? (ConnectionFailure.Other, errors.Count > 0 ? all : exception.Message);
    }
}
