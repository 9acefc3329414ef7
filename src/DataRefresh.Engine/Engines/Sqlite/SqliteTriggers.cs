using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.Sqlite;

/// <summary>
/// SQLite has no switch that disables one table's triggers, so a load drops them inside the refresh transaction
/// and re-creates them from their own CREATE TRIGGER text (sqlite_master.sql) before commit. SQLite's DDL is
/// transactional: a rollback, or a process killed mid-run, leaves every trigger as it was.
/// </summary>
internal static class SqliteTriggers
{
    public static async Task<List<(string Name, string Sql)>> ReadAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var triggers = new List<(string, string)>();
        var sql = $"SELECT name, sql FROM {SqliteEngine.Quote(table.Schema)}.sqlite_master WHERE type = 'trigger' AND tbl_name = @table AND sql IS NOT NULL ORDER BY name";
        await using var command = connection.Command(transaction, sql, null, ("table", table.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            triggers.Add((reader.GetString(0), reader.GetString(1)));
        }

        return triggers;
    }

    public static async Task<IReadOnlyList<string>> SuspendAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        foreach (var (name, sql) in await ReadAsync(target, transaction, table, cancellationToken).ConfigureAwait(false))
        {
            await target.ExecuteAsync(transaction, $"DROP TRIGGER {SqliteEngine.Quote(table.Schema)}.{SqliteEngine.Quote(name)}", cancellationToken).ConfigureAwait(false);
            restore.Add(sql);
        }

        return restore;
    }
}
