using System.Data.Common;
using DataRefresh.Catalog;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// What keeps a partition from being swapped, because its replacement could not be made exactly like it or the
/// swap would not do what simple_copy does: those partitions have their rows moved in place instead. Also the
/// catalog fingerprint the swap checks a replacement against before it commits.
/// </summary>
internal static class PostgreSqlPartitionObstacles
{
    /// <summary>pg_trigger.tgtype bits: row-level, and the events a refresh causes.</summary>
    public const int Row = 1, Insert = 4, Delete = 8, Truncate = 32;

    /// <summary>
    /// One row per obstacle: partition name and the reason. @events are the tgtype bits of what simple_copy would
    /// cause on the table: its triggers for those events fire for the rows it copies and removes, a swap's would not.
    /// </summary>
    private const string ObstaclesSql = """
        SELECT c.relname, r.reason
        FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid,
        LATERAL (
            SELECT format('trigger %s would fire for the rows it gets, as with simple_copy', t.tgname)
            FROM pg_trigger t
            WHERE t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A')
              AND ((t.tgtype & 1 = 1 AND t.tgtype & @events & 12 <> 0) OR t.tgtype & @events & 32 <> 0)
            UNION ALL
            SELECT DISTINCT format('%s depends on it', CASE WHEN d.classid = 'pg_rewrite'::regclass AND w.ev_class <> c.oid THEN pg_describe_object('pg_class'::regclass, w.ev_class, 0) ELSE pg_describe_object(d.classid, d.objid, 0) END)
            FROM pg_depend d LEFT JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid
            WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid AND d.deptype IN ('n', 'a')
              AND NOT (d.classid = 'pg_class'::regclass AND d.objid IN (SELECT indexrelid FROM pg_index WHERE indrelid = c.oid))
              AND NOT (d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid = c.oid AND contype IN ('c', 'f', 'p', 'u')))
              AND NOT (d.classid = 'pg_attrdef'::regclass AND d.objid IN (SELECT oid FROM pg_attrdef WHERE adrelid = c.oid))
              AND NOT (d.classid = 'pg_trigger'::regclass AND d.objid IN (SELECT oid FROM pg_trigger WHERE (tgrelid = c.oid AND NOT tgisinternal)
                       OR tgconstraint IN (SELECT oid FROM pg_constraint WHERE conrelid = c.oid)))
              AND NOT (d.classid = 'pg_policy'::regclass AND d.objid IN (SELECT oid FROM pg_policy WHERE polrelid = c.oid))
            UNION ALL
            SELECT DISTINCT format('%s uses its row type', pg_describe_object(d.classid, d.objid, 0))
            FROM pg_depend d
            WHERE d.refclassid = 'pg_type'::regclass AND d.refobjid = c.reltype AND d.deptype <> 'i'
            UNION ALL
            SELECT 'it belongs to an extension' FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
            UNION ALL
            SELECT 'it has a security label' FROM pg_seclabel s WHERE s.classoid = 'pg_class'::regclass AND s.objoid = c.oid
            UNION ALL
            SELECT format('its table access method is %s', am.amname) FROM pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap'
            UNION ALL
            SELECT format('constraint %s is of a kind staging does not rebuild', k.conname) FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype NOT IN ('c', 'f', 'p', 'u')
            UNION ALL
            SELECT format('index %s is not valid', ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND NOT (i.indisvalid AND i.indisready)
            UNION ALL
            SELECT format('its owner %s is not a role this login can act as', pg_get_userbyid(c.relowner)) WHERE NOT pg_has_role(c.relowner, 'MEMBER')
            UNION ALL
            SELECT format('its owner %s may not create tables in its schema', pg_get_userbyid(c.relowner))
            WHERE NOT has_schema_privilege(c.relowner, c.relnamespace, 'CREATE') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            UNION ALL
            SELECT DISTINCT format('a privilege on it was granted by %s, not by its owner', pg_get_userbyid(a.grantor))
            FROM (SELECT (aclexplode(c.relacl)).grantor UNION ALL SELECT (aclexplode(t.attacl)).grantor FROM pg_attribute t WHERE t.attrelid = c.oid) a
            WHERE a.grantor <> c.relowner
        ) r (reason)
        WHERE h.inhparent = @table::regclass
        ORDER BY c.relname, r.reason
        """;

    /// <summary>Triggers of the table itself that fire for what simple_copy does (statement triggers, and row triggers every partition clones).</summary>
    private const string TableTriggerSql = """
        SELECT t.tgname FROM pg_trigger t
        WHERE t.tgrelid = @table::regclass AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') AND t.tgtype & @events <> 0
        ORDER BY t.tgname LIMIT 1
        """;

    /// <summary>Everything the catalog holds for one partition that a swap must keep, without OIDs or physical names.</summary>
    private const string FingerprintSql = """
        SELECT line FROM (
            SELECT format('table|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', pg_get_userbyid(c.relowner), c.relacl, c.reloptions, t.reloptions, c.relpersistence,
                   (SELECT spcname FROM pg_tablespace WHERE oid = c.reltablespace), c.relam, c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
                   pg_get_expr(c.relpartbound, c.oid), c.reltype::regtype, obj_description(c.oid, 'pg_class')) AS line
            FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = @table::regclass
            UNION ALL
            SELECT format('column|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', quote_ident(a.attname), format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated,
                   a.attstattarget, a.attoptions, a.attstorage, a.attcompression, a.attcollation, a.attacl, pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum))
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = @table::regclass AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT format('constraint|%s|%s|%s|%s|%s|%s|%s|%s', quote_ident(k.conname), pg_get_constraintdef(k.oid), k.contype, k.conislocal, k.coninhcount,
                   k.conparentid <> 0, k.convalidated, obj_description(k.oid, 'pg_constraint'))
            FROM pg_constraint k WHERE k.conrelid = @table::regclass
            UNION ALL
            SELECT format('index|%s|%s|%s|%s|%s|%s|%s|%s', pg_get_indexdef(i.indexrelid), i.indisclustered, i.indisreplident, i.indisvalid,
                   (SELECT spcname FROM pg_tablespace WHERE oid = ic.reltablespace), ic.reloptions,
                   EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid), obj_description(i.indexrelid, 'pg_class'))
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = @table::regclass
            UNION ALL
            SELECT format('trigger|%s|%s|%s|%s', pg_get_triggerdef(t.oid), t.tgenabled, t.tgparentid <> 0, obj_description(t.oid, 'pg_trigger'))
            FROM pg_trigger t WHERE t.tgrelid = @table::regclass AND NOT t.tgisinternal
            UNION ALL
            SELECT format('policy|%s|%s|%s|%s|%s|%s|%s', quote_ident(p.polname), p.polcmd, p.polpermissive, p.polroles::regrole[], pg_get_expr(p.polqual, p.polrelid),
                   pg_get_expr(p.polwithcheck, p.polrelid), obj_description(p.oid, 'pg_policy'))
            FROM pg_policy p WHERE p.polrelid = @table::regclass
        ) lines
        ORDER BY line
        """;

    /// <summary>The reasons, per partition name, that each partition with an obstacle is not swapped.</summary>
    public static async Task<Dictionary<string, string>> ReadAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, int events, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.Command(transaction, ObstaclesSql, null, ("table", Quote(table)), ("events", events));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (partition, reason) = (reader.GetString(0), reader.GetString(1));
            reasons[partition] = reasons.TryGetValue(partition, out var earlier) ? $"{earlier}; {reason}" : reason;
        }

        return reasons;
    }

    public static async Task<string?> TableTriggerAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, int events, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, TableTriggerSql, cancellationToken, null, ("table", Quote(table)), ("events", events)).ConfigureAwait(false) as string;

    public static async Task<List<string>> FingerprintAsync(DbConnection connection, DbTransaction transaction, QualifiedName partition, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await PartitionRecipe.ReadRowsAsync(connection, transaction, FingerprintSql, r => lines.Add(r.GetString(0)), cancellationToken, ("table", Quote(partition))).ConfigureAwait(false);
        return lines;
    }
}
