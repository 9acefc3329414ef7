using Npgsql;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>PostgreSQL's failures in the DBA's words: connection causes by SQLSTATE, server errors with their detail.</summary>
internal static class PostgreSqlErrors
{
    /// <summary>
    /// Why a connection failed, first from the server's own answer (SQLSTATE), then from the network's. The server's
    /// text is kept after the cause; Npgsql never puts the password in a message.
    /// </summary>
    public static (ConnectionFailure Failure, string Cause) Classify(Exception exception, string? user, string host, int port, int timeoutSeconds)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException pg)
            {
                return pg.SqlState switch
                {
                    "3D000" => (ConnectionFailure.DatabaseMissing, pg.MessageText),
                    "28P01" or "28000" => (ConnectionFailure.LoginFailed, $"login failed for user \"{user}\": {pg.MessageText}"),
                    _ => (ConnectionFailure.Other, $"{pg.SqlState}: {pg.MessageText}"),
                };
            }
        }

        return ConnectionErrors.FromNetwork(exception, host, $"{host}:{port}", timeoutSeconds) ?? (ConnectionFailure.Other, exception.Message);
    }

    /// <summary>
    /// "23503: insert or update on table "child" violates foreign key constraint "child_parent_fk"", then the
    /// server's DETAIL ("Key (parent_id)=(6) is not present in table "parent".") and HINT on lines of their own.
    /// The message text names the table for most errors; where it does not (a duplicate key), it is added.
    /// </summary>
    public static string Describe(PostgresException error, bool showDetail)
    {
        var first = $"{error.SqlState}: {error.MessageText}";
        if (error.TableName is { Length: > 0 } table && !error.MessageText.Contains($"\"{table}\"", StringComparison.Ordinal))
        {
            first += $" (table {error.SchemaName}.{table})";
        }

        var lines = new List<string> { first };
        if (error.Detail is { Length: > 0 } detail)
        {
            lines.Add(showDetail ? $"DETAIL: {detail}" : DatabaseErrors.Withheld);
        }

        if (error.Hint is { Length: > 0 } hint)
        {
            lines.Add($"HINT: {hint}");
        }

        return string.Join("\n", lines);
    }
}
