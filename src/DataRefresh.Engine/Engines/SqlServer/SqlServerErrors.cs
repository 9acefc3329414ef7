using DataRefresh.Configuration;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Engines.SqlServer;

/// <summary>SQL Server's failures in the DBA's words (connection causes by error number).</summary>
internal static class SqlServerErrors
{
    /// <summary>The connection failure, its cause named first; SqlClient never puts the password in a message.</summary>
    public static async Task<DatabaseConnectionException> ConnectionFailedAsync(DatabaseConfig database, SqlConnectionStringBuilder builder, RefreshSettings settings, Exception ex)
    {
        var errors = ex is SqlException sql ? sql.Errors.Cast<SqlError>().Select(e => (e.Number, e.Message)).ToList() : [];
        var user = database.Auth == AuthType.Sql ? builder.UserID : null;
        var host = (database.Server ?? "").Split('\\', ',')[0];
        var address = builder.DataSource ?? host;
        var (failure, cause) = Classify(errors, ex, user, database.Database, host, address, builder.ConnectTimeout);

        // A network failure SqlClient does not name (error 35 on Linux): ask the network itself. A named instance's
        // port comes from SQL Browser, so there is no port to probe.
        if (failure == ConnectionFailure.Other && errors.Exists(e => e.Number is 0 or 35 or 40 or -1) && !(database.Server ?? "").Contains('\\', StringComparison.Ordinal)
            && await ConnectionErrors.ProbeAsync(host, database.Port ?? Port(database.Server), address, builder.ConnectTimeout).ConfigureAwait(false) is { } network)
        {
            (failure, cause) = (network.Failure, $"{network.Cause} ({cause})");
        }

        return ConnectionErrors.Failed(database, failure, cause, ex);
    }

    /// <summary>The port in "server,port", else SQL Server's default 1433.</summary>
    public static int Port(string? server) =>
        server?.Split(',') is [_, var port] && int.TryParse(port.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 1433;

    /// <summary>
    /// Why a connection failed, from the server's error numbers (and, on Windows, the network's as SqlClient
    /// numbers them), then from the network's exceptions.
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
