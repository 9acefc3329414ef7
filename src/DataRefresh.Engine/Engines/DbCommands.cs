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

/// <summary>A 64-bit key per table for advisory/app locks, stable across processes and machines.</summary>
internal static class LockKeys
{
    public static long For(Catalog.QualifiedName table)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"datarefresh:{table.Schema}.{table.Name}"));
        return BitConverter.ToInt64(bytes, 0);
    }
}
