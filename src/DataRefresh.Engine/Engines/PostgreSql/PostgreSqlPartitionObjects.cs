using System.Data.Common;
using DataRefresh.Catalog;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// How a swapped partition's replacement gets everything the old one had of its own — storage options, column
/// settings, indexes and constraints (inherited and local), triggers, policies, row security, replica identity,
/// comments, owner and grants — as statements read from the old partition's catalog. What cannot be rebuilt
/// exactly is an obstacle (<see cref="PostgreSqlPartitionObstacles"/>): that partition is not swapped.
/// </summary>
internal sealed class PartitionRecipe
{
    /// <summary>On the loader, before the load: the table, its column settings and its CHECK constraints (checked row by row as the load goes).</summary>
    public List<string> BeforeLoad { get; } = [];

    /// <summary>On the loader, after the load: indexes, foreign keys, statistics, then everything else the old partition had.</summary>
    public List<string> AfterLoad { get; } = [];

    /// <summary>In the swap transaction, once the old partition is dropped: its index names, freed, go to the replacement's indexes.</summary>
    public List<string> AfterDrop { get; } = [];

    /// <summary>In the swap transaction, after ATTACH: triggers ATTACH cloned from the table, set as they were on the old partition.</summary>
    public List<string> AfterAttach { get; } = [];

    /// <summary>Read the old partition and write the statements that rebuild it as <paramref name="stage"/>.</summary>
    public static async Task<PartitionRecipe> ReadAsync(DbConnection connection, QualifiedName partition, QualifiedName stage, QualifiedName bound, string boundCheck, CancellationToken cancellationToken)
    {
        var recipe = new PartitionRecipe();
        var table = Quote(stage);
        var final = Quote(partition);
        var p = ("table", (object?)Quote(partition));

        const string tableSql = """
            SELECT c.relpersistence = 'u', quote_ident(pg_get_userbyid(c.relowner)), c.relacl IS NOT NULL,
                   (SELECT string_agg(split_part(o, '=', 1) || '=' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') FROM unnest(c.reloptions) o),
                   (SELECT string_agg('toast.' || split_part(o, '=', 1) || '=' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') FROM pg_class t, unnest(t.reloptions) o WHERE t.oid = c.reltoastrelid),
                   (SELECT quote_literal(spcname) FROM pg_tablespace WHERE oid = c.reltablespace),
                   c.relrowsecurity, c.relforcerowsecurity, c.relreplident::text,
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_class'::regclass AND objoid = c.oid AND objsubid = 0),
                   format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = @table::regclass
            """;
        var owner = "";
        var hasAcl = false;
        var qualified = "";
        var comments = new List<string>();
        var tail = new List<string>();
        await ReadRowsAsync(connection, null, tableSql, r =>
        {
            owner = r.GetString(1);
            hasAcl = r.GetBoolean(2);
            qualified = r.GetString(10);
            var options = string.Join(", ", new[] { Text(r, 3), Text(r, 4) }.OfType<string>());
            recipe.BeforeLoad.Add($"SET default_tablespace = {Text(r, 5) ?? "''"}");
            recipe.BeforeLoad.Add(
                $"CREATE {(r.GetBoolean(0) ? "UNLOGGED " : "")}TABLE {table} (LIKE {final} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION)"
                + (options.Length > 0 ? $" WITH ({options})" : ""));
            recipe.BeforeLoad.Add("RESET default_tablespace");
            if (r.GetBoolean(6))
            {
                tail.Add($"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY");
            }

            if (r.GetBoolean(7))
            {
                tail.Add($"ALTER TABLE {table} FORCE ROW LEVEL SECURITY");
            }

            tail.Add(r.GetString(8) switch { "f" => $"ALTER TABLE {table} REPLICA IDENTITY FULL", "n" => $"ALTER TABLE {table} REPLICA IDENTITY NOTHING", _ => "" });
            if (Text(r, 9) is { } comment)
            {
                comments.Add($"COMMENT ON TABLE {table} IS {comment}");
            }
        }, cancellationToken, p).ConfigureAwait(false);

        const string columnsSql = """
            SELECT quote_ident(a.attname), coalesce(a.attstattarget::int, -1),
                   (SELECT string_agg(split_part(o, '=', 1) || '=' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') FROM unnest(a.attoptions) o),
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_class'::regclass AND objoid = a.attrelid AND objsubid = a.attnum)
            FROM pg_attribute a WHERE a.attrelid = @table::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """;
        await ReadRowsAsync(connection, null, columnsSql, r =>
        {
            var column = r.GetString(0);
            if (r.GetInt32(1) >= 0)
            {
                recipe.BeforeLoad.Add($"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS {r.GetInt32(1).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            if (Text(r, 2) is { } options)
            {
                recipe.BeforeLoad.Add($"ALTER TABLE {table} ALTER COLUMN {column} SET ({options})");
            }

            if (Text(r, 3) is { } comment)
            {
                comments.Add($"COMMENT ON COLUMN {table}.{column} IS {comment}");
            }
        }, cancellationToken, p).ConfigureAwait(false);

        // The bound, so ATTACH skips its validation scan; dropped once attached.
        recipe.BeforeLoad.Add($"ALTER TABLE {table} ADD CONSTRAINT {Quote(bound.Name)} CHECK ({boundCheck})");

        // CHECK and FOREIGN KEY names are the table's own, so they go on with their real names. A NOT VALID foreign
        // key is still checked for new rows (as simple_copy's would be): it goes on before the load, the others after.
        const string constraintsSql = """
            SELECT quote_ident(conname), contype::text, pg_get_constraintdef(oid), convalidated,
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_constraint'::regclass AND objoid = k.oid)
            FROM pg_constraint k WHERE conrelid = @table::regclass AND contype IN ('c', 'f') ORDER BY conparentid = 0 AND coninhcount = 0, conname
            """;
        var foreignKeys = new List<string>();
        await ReadRowsAsync(connection, null, constraintsSql, r =>
        {
            var add = $"ALTER TABLE {table} ADD CONSTRAINT {r.GetString(0)} {r.GetString(2)}";
            (r.GetString(1) == "c" || !r.GetBoolean(3) ? recipe.BeforeLoad : foreignKeys).Add(add);
            if (Text(r, 4) is { } comment)
            {
                comments.Add($"COMMENT ON CONSTRAINT {r.GetString(0)} ON {table} IS {comment}");
            }
        }, cancellationToken, p).ConfigureAwait(false);

        // Index names are schema-wide: the replacement's take a staging name and the old names once the old partition is gone.
        // Indexes inherited from the table come first, so ATTACH adopts them rather than a look-alike of the partition's own.
        const string indexesSql = """
            SELECT quote_ident(ic.relname), pg_get_indexdef(i.indexrelid), i.indisunique, k.contype::text, k.condeferrable, k.condeferred, i.indisclustered, i.indisreplident,
                   coalesce((SELECT quote_literal(spcname) FROM pg_tablespace WHERE oid = ic.reltablespace), ''''''),
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_class'::regclass AND objoid = i.indexrelid),
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_constraint'::regclass AND objoid = k.oid)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
            LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')
            WHERE i.indrelid = @table::regclass
            ORDER BY EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) DESC, ic.relname
            """;
        var n = 0;
        await ReadRowsAsync(connection, null, indexesSql, r =>
        {
            var name = r.GetString(0);
            var temporary = Quote($"{stage.Name}_ix{n++}");
            var prefix = $"CREATE {(r.GetBoolean(2) ? "UNIQUE " : "")}INDEX {name} ON {qualified} USING ";
            var definition = r.GetString(1);
            if (!definition.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"staging_partition_switch: the definition of index {name} on {partition} is not in the form expected ({definition})");
            }

            recipe.AfterLoad.Add($"SET default_tablespace = {r.GetString(8)}");
            recipe.AfterLoad.Add($"CREATE {(r.GetBoolean(2) ? "UNIQUE " : "")}INDEX {temporary} ON {table} USING {definition[prefix.Length..]}");
            if (Text(r, 3) is { } kind)
            {
                var deferrable = r.GetBoolean(4) ? (r.GetBoolean(5) ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "";
                recipe.AfterLoad.Add($"ALTER TABLE {table} ADD CONSTRAINT {temporary} {(kind == "p" ? "PRIMARY KEY" : "UNIQUE")} USING INDEX {temporary}{deferrable}");
                if (Text(r, 10) is { } constraintComment)
                {
                    comments.Add($"COMMENT ON CONSTRAINT {temporary} ON {table} IS {constraintComment}");
                }
            }

            if (r.GetBoolean(6))
            {
                tail.Add($"ALTER TABLE {table} CLUSTER ON {temporary}");
            }

            if (r.GetBoolean(7))
            {
                tail.Add($"ALTER TABLE {table} REPLICA IDENTITY USING INDEX {temporary}");
            }

            if (Text(r, 9) is { } comment)
            {
                comments.Add($"COMMENT ON INDEX {Quote(stage.Schema)}.{temporary} IS {comment}");
            }

            recipe.AfterDrop.Add($"ALTER INDEX {Quote(stage.Schema)}.{temporary} RENAME TO {name}");
        }, cancellationToken, p).ConfigureAwait(false);
        recipe.AfterLoad.Add("RESET default_tablespace");
        recipe.AfterLoad.AddRange(foreignKeys);
        recipe.AfterLoad.Add($"ANALYZE {table}");

        // Triggers of the partition's own are rebuilt (the obstacles keep partitions whose triggers would fire for the
        // copied rows in place). Those ATTACH clones from the table take the table's state; put back the old one's.
        const string triggersSql = """
            SELECT quote_ident(t.tgname), pg_get_triggerdef(t.oid), t.tgenabled::text, t.tgparentid <> 0, coalesce((SELECT tgenabled::text FROM pg_trigger o WHERE o.oid = t.tgparentid), 'O'),
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_trigger'::regclass AND objoid = t.oid)
            FROM pg_trigger t WHERE t.tgrelid = @table::regclass AND NOT t.tgisinternal ORDER BY t.tgname
            """;
        await ReadRowsAsync(connection, null, triggersSql, r =>
        {
            var name = r.GetString(0);
            var state = State(r.GetString(2), name);
            if (r.GetBoolean(3))
            {
                if (r.GetString(2) != r.GetString(4))
                {
                    recipe.AfterAttach.Add($"ALTER TABLE {final} {state}");
                }

                if (Text(r, 5) is { } cloneComment)
                {
                    recipe.AfterAttach.Add($"COMMENT ON TRIGGER {name} ON {final} IS {cloneComment}");
                }

                return;
            }

            var definition = r.GetString(1);
            var on = $" ON {qualified} ";
            var head = $"CREATE TRIGGER {name} ";
            var at = definition.StartsWith(head, StringComparison.Ordinal) ? definition.IndexOf(on, head.Length, StringComparison.Ordinal) : -1;
            if (at < 0)
            {
                throw new InvalidOperationException($"staging_partition_switch: the definition of trigger {name} on {partition} is not in the form expected ({definition})");
            }

            tail.Add($"{definition[..at]} ON {table} {definition[(at + on.Length)..]}");
            if (r.GetString(2) != "O")
            {
                tail.Add($"ALTER TABLE {table} {state}");
            }

            if (Text(r, 5) is { } comment)
            {
                comments.Add($"COMMENT ON TRIGGER {name} ON {table} IS {comment}");
            }
        }, cancellationToken, p).ConfigureAwait(false);

        const string policiesSql = """
            SELECT quote_ident(polname), polpermissive, polcmd::text,
                   array_to_string(ARRAY(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END FROM unnest(polroles) r), ', '),
                   pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid),
                   (SELECT quote_literal(description) FROM pg_description WHERE classoid = 'pg_policy'::regclass AND objoid = p.oid)
            FROM pg_policy p WHERE polrelid = @table::regclass ORDER BY polname
            """;
        await ReadRowsAsync(connection, null, policiesSql, r =>
        {
            var command = r.GetString(2) switch { "r" => "SELECT", "a" => "INSERT", "w" => "UPDATE", "d" => "DELETE", _ => "ALL" };
            var rule = (Text(r, 4) is { } q ? $" USING ({q})" : "") + (Text(r, 5) is { } c ? $" WITH CHECK ({c})" : "");
            tail.Add($"CREATE POLICY {r.GetString(0)} ON {table} AS {(r.GetBoolean(1) ? "PERMISSIVE" : "RESTRICTIVE")} FOR {command} TO {r.GetString(3)}{rule}");
            if (Text(r, 6) is { } comment)
            {
                comments.Add($"COMMENT ON POLICY {r.GetString(0)} ON {table} IS {comment}");
            }
        }, cancellationToken, p).ConfigureAwait(false);

        recipe.AfterLoad.AddRange(tail.Where(s => s.Length > 0));
        recipe.AfterLoad.AddRange(comments);

        // Owner first, so every grant is recorded as the owner's, as the old ones were (other grantors are obstacles);
        // then the old access list rebuilt entry by entry, in its order.
        recipe.AfterLoad.Add($"ALTER TABLE {table} OWNER TO {owner}");
        if (hasAcl)
        {
            recipe.AfterLoad.Add($"REVOKE ALL ON TABLE {table} FROM {owner}");
        }

        const string grantsSql = """
            SELECT NULL::text, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.privilege_type, a.is_grantable, 0 AS attnum, a.n
            FROM pg_class c, aclexplode(c.relacl) WITH ORDINALITY AS a (grantor, grantee, privilege_type, is_grantable, n) WHERE c.oid = @table::regclass
            UNION ALL
            SELECT quote_ident(t.attname), CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.privilege_type, a.is_grantable, t.attnum, a.n
            FROM pg_attribute t, aclexplode(t.attacl) WITH ORDINALITY AS a (grantor, grantee, privilege_type, is_grantable, n)
            WHERE t.attrelid = @table::regclass AND t.attnum > 0 AND NOT t.attisdropped
            ORDER BY attnum, n
            """;
        await ReadRowsAsync(connection, null, grantsSql, r =>
        {
            var column = Text(r, 0) is { } c ? $" ({c})" : "";
            recipe.AfterLoad.Add($"GRANT {r.GetString(2)}{column} ON TABLE {table} TO {r.GetString(1)}{(r.GetBoolean(3) ? " WITH GRANT OPTION" : "")}");
        }, cancellationToken, p).ConfigureAwait(false);

        return recipe;
    }

    private static string State(string enabled, string trigger) => enabled switch
    {
        "D" => $"DISABLE TRIGGER {trigger}",
        "R" => $"ENABLE REPLICA TRIGGER {trigger}",
        "A" => $"ENABLE ALWAYS TRIGGER {trigger}",
        _ => $"ENABLE TRIGGER {trigger}",
    };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static async Task ReadRowsAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(transaction, sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}
