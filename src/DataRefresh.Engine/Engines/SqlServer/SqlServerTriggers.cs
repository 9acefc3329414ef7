using System.Data.Common;
using DataRefresh.Catalog;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// UAT's DML triggers during a load. SqlBulkCopy fires none, but a reload's DELETE (truncate_target: false, a
/// table others reference, a delete window) and a merge's DELETE/UPDATE/INSERT fire them all. fire_triggers:
/// false (the default) disables each enabled trigger inside the refresh transaction: DISABLE TRIGGER is DDL, and
/// SQL Server's DDL is transactional, so a rollback or a killed session leaves it enabled. Exactly the triggers
/// that were enabled are enabled again before commit; one already disabled stays so. Needs ALTER on the table
/// (as SqlBulkCopy's KeepIdentity on a table with triggers already does).
/// </summary>
internal static class SqlServerTriggers
{
    public static async Task<IReadOnlyList<string>> EnabledAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var command = connection.Command(transaction, SqlServerMergeSql.EnabledTriggers, null, ("table", Quote(table)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public static async Task<IReadOnlyList<string>> SuspendAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        foreach (var name in await EnabledAsync(target, transaction, table, cancellationToken).ConfigureAwait(false))
        {
            await target.ExecuteAsync(transaction, SqlServerMergeSql.DisableTrigger(table, name), cancellationToken).ConfigureAwait(false);
            restore.Add(SqlServerMergeSql.EnableTrigger(table, name));
        }

        return restore;
    }

    public static async Task ResumeAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        foreach (var statement in restore)
        {
            await target.ExecuteAsync(transaction, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The enabled INSTEAD OF triggers and the statement each replaces.</summary>
    public static async Task<IReadOnlyList<InsteadOfTrigger>> InsteadOfAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        var triggers = new List<InsteadOfTrigger>();
        await using var command = connection.Command(null, SqlServerMergeSql.InsteadOfTriggers, null, ("table", Quote(table)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            triggers.Add(new InsteadOfTrigger(reader.GetString(0), reader.GetString(1)));
        }

        return triggers;
    }
}
