using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// A table emptied by TRUNCATE in the refresh transaction loads faster without its indexes: each is dropped after
/// the TRUNCATE and built again, one sorted pass each, after the load, all in the same transaction (a failure, a
/// Ctrl+C or a killed session rolls the drop back with everything else; readers never see the table without them).
/// <para>
/// What is dropped is recreated from the catalog exactly: <c>pg_get_indexdef</c> (name, method, columns, operator
/// classes, collations, INCLUDE, NULLS NOT DISTINCT, storage parameters, predicate) in the index's own tablespace,
/// then a constraint index is given back its constraint (<c>ADD CONSTRAINT name PRIMARY KEY|UNIQUE USING INDEX</c>,
/// with its deferrability), the comments of index and constraint, the clustered flag and the replica identity.
/// </para>
/// <para>
/// Left in place, maintained by the load as before: an index another object depends on (a foreign key's referenced
/// key, a view grouping by the primary key, an extension's), an index attached to a partitioned index, an exclusion
/// constraint, an invalid index, one whose constraint has another name, one with a per-column statistics target;
/// and every index when the login does not own the table (DROP INDEX needs ownership).
/// </para>
/// </summary>
public sealed partial class PostgreSqlEngine
{
    /// <summary>Per index set aside: how to drop it, and the statements that put it back, in order.</summary>
    private const string IndexesAsideSql = """
        SELECT CASE WHEN con.oid IS NULL THEN format('DROP INDEX %I.%I', n.nspname, c.relname)
                    ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', i.indrelid::regclass, con.conname) END,
               format('SET LOCAL default_tablespace = %L', coalesce(ts.spcname, '')),
               pg_get_indexdef(i.indexrelid),
               CASE WHEN con.oid IS NULL THEN NULL
                    ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s USING INDEX %I%s%s', i.indrelid::regclass, con.conname,
                                CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, c.relname,
                                CASE WHEN con.condeferrable THEN ' DEFERRABLE' ELSE '' END,
                                CASE WHEN con.condeferred THEN ' INITIALLY DEFERRED' ELSE '' END) END,
               CASE WHEN obj_description(i.indexrelid, 'pg_class') IS NULL THEN NULL
                    ELSE format('COMMENT ON INDEX %I.%I IS %L', n.nspname, c.relname, obj_description(i.indexrelid, 'pg_class')) END,
               CASE WHEN con.oid IS NULL OR obj_description(con.oid, 'pg_constraint') IS NULL THEN NULL
                    ELSE format('COMMENT ON CONSTRAINT %I ON %s IS %L', con.conname, i.indrelid::regclass, obj_description(con.oid, 'pg_constraint')) END,
               CASE WHEN i.indisclustered THEN format('ALTER TABLE %s CLUSTER ON %I', i.indrelid::regclass, c.relname) END,
               CASE WHEN i.indisreplident THEN format('ALTER TABLE %s REPLICA IDENTITY USING INDEX %I', i.indrelid::regclass, c.relname) END
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class t ON t.oid = i.indrelid
        LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
        LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
        WHERE i.indrelid = @table::regclass
          AND t.relkind = 'r'
          AND pg_has_role(t.relowner, 'USAGE')
          AND i.indisvalid AND i.indisready AND i.indislive AND NOT i.indisexclusion
          AND (con.oid IS NULL OR (con.contype IN ('p', 'u') AND con.conname = c.relname))
          AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indexrelid AND d.deptype IN ('n', 'e'))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_constraint'::regclass AND d.refobjid = con.oid AND d.deptype IN ('n', 'e'))
        ORDER BY con.oid IS NULL, c.relname
        """;

    public bool RebuildsIndexesAfterTruncate => true;

    public async Task<IReadOnlyList<string>> SetIndexesAsideAsync(DbConnection target, DbTransaction transaction, QualifiedName table, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var drops = new List<string>();
        var rebuild = new List<string>();
        var finish = new List<string>();
        await using (var command = target.Command(transaction, IndexesAsideSql, commandTimeout, ("table", Quote(table))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                drops.Add(reader.GetString(0));
                rebuild.Add(reader.GetString(1));
                rebuild.Add(reader.GetString(2));
                for (var i = 3; i < 6; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        rebuild.Add(reader.GetString(i));
                    }
                }

                for (var i = 6; i < 8; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        finish.Add(reader.GetString(i));
                    }
                }
            }
        }

        if (drops.Count == 0)
        {
            return [];
        }

        // The session's own settings come back after the build: the SET LOCALs above would otherwise last to commit.
        var tablespace = (string?)await target.ScalarAsync(transaction, "SELECT format('SELECT set_config(''default_tablespace'', %L, true)', current_setting('default_tablespace'))", cancellationToken).ConfigureAwait(false);
        var memory = (string?)await target.ScalarAsync(transaction, "SELECT format('SELECT set_config(''maintenance_work_mem'', %L, true)', current_setting('maintenance_work_mem'))", cancellationToken).ConfigureAwait(false);
        foreach (var drop in drops)
        {
            await target.ExecuteAsync(transaction, drop, cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        return [.. rebuild, .. finish, tablespace!, memory!];
    }

    public async Task<int> RebuildIndexesAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, int memoryMegabytes, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(restore);
        if (restore.Count == 0)
        {
            return 0;
        }

        // Enough memory to sort each index in one pass, for this transaction only (restored by the last statement).
        await target.ExecuteAsync(transaction, $"SET LOCAL maintenance_work_mem = '{memoryMegabytes}MB'", cancellationToken).ConfigureAwait(false);
        foreach (var statement in restore)
        {
            await target.ExecuteAsync(transaction, statement, cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        return restore.Count(s => s.StartsWith("CREATE ", StringComparison.Ordinal));
    }
}
