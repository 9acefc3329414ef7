using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// User triggers during a load: ALTER TABLE … DISABLE TRIGGER name for each enabled user trigger, inside the refresh
/// transaction (the DDL is transactional, so a rollback or a killed session restores them), and the same trigger
/// enabled again in its former mode (ENABLE, ENABLE ALWAYS, ENABLE REPLICA) before commit. Foreign-key triggers are
/// internal and never touched.
/// </summary>
public sealed partial class PostgreSqlEngine
{
    private const string EnabledUserTriggers = "SELECT tgname, tgenabled::text FROM pg_trigger WHERE tgrelid = @table::regclass AND NOT tgisinternal AND tgenabled <> 'D' ORDER BY tgname";

    public async Task<IReadOnlyList<string>> UserTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        (await ReadTriggersAsync(connection, null, table, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToList();

    public async Task<IReadOnlyList<string>> SuspendTriggersAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        foreach (var (name, mode) in await ReadTriggersAsync(target, transaction, table, cancellationToken).ConfigureAwait(false))
        {
            await target.ExecuteAsync(transaction, $"ALTER TABLE {Quote(table)} DISABLE TRIGGER {Quote(name)}", cancellationToken).ConfigureAwait(false);
            var how = mode switch { "A" => "ENABLE ALWAYS", "R" => "ENABLE REPLICA", _ => "ENABLE" };
            restore.Add($"ALTER TABLE {Quote(table)} {how} TRIGGER {Quote(name)}");
        }

        return restore;
    }

    public async Task ResumeTriggersAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        foreach (var statement in restore)
        {
            await target.ExecuteAsync(transaction, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<(string Name, string Mode)>> ReadTriggersAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        var triggers = new List<(string, string)>();
        await using var command = connection.Command(transaction, EnabledUserTriggers, null, ("table", Quote(table)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            triggers.Add((reader.GetString(0), reader.GetString(1)));
        }

        return triggers;
    }
}
