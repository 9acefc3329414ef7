using System.Data.Common;

namespace DataRefresh.Engines;

/// <summary>Small helpers so engines send parameterised SQL in one line.</summary>
internal static class DbCommands
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql, int? timeout = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (timeout is { } t)
        {
            command.CommandTimeout = t;
        }

        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, int? timeout = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, timeout, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, int? timeout = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, timeout, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }
}

/// <summary>Another run holds the table's refresh lock.</summary>
public sealed class TableLockedException : Exception
{
    public TableLockedException(string message)
        : base(message)
    {
    }

    public TableLockedException()
    {
    }

    public TableLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Why a connection failed, as a DBA would say it; Test-RefreshConfig reports each as its own check.</summary>
public enum ConnectionFailure
{
    /// <summary>Anything the engine could not name more precisely (the server's own words follow).</summary>
    Other,

    /// <summary>Nothing listening at host:port.</summary>
    Refused,

    /// <summary>The host name does not resolve.</summary>
    UnknownHost,

    /// <summary>No answer within settings.connection_timeout.</summary>
    TimedOut,

    /// <summary>The server answered, but the database does not exist (or the login may not open it).</summary>
    DatabaseMissing,

    /// <summary>The server answered and refused the login.</summary>
    LoginFailed,

    /// <summary>Not attempted: a credential environment variable is not set or is blank.</summary>
    Credentials,
}

/// <summary>A failure to reach or log in to a database, with the side and place named and no secrets.</summary>
public sealed class DatabaseConnectionException : Exception
{
    public DatabaseConnectionException(string message, ConnectionFailure failure, Exception? innerException)
        : base(message, innerException) => Failure = failure;

    public DatabaseConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseConnectionException()
    {
    }

    public DatabaseConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>The cause, named in the message's first line too.</summary>
    public ConnectionFailure Failure { get; }
}

/// <summary>A 64-bit key per table for advisory/app locks, stable across processes and machines.</summary>
internal static class LockKeys
{
    public static long For(Catalog.QualifiedName table)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"datarefresh:{table.Schema}.{table.Name}"));
        return BitConverter.ToInt64(bytes, 0);
    }
}
