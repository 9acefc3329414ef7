using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.PostgreSql;

public sealed partial class PostgreSqlEngine
{
    /// <summary>
    /// The sequences the table's columns draw from, and every column in the database that draws from them. A column
    /// draws from a sequence when it is its identity (pg_depend 'i'), when the sequence is OWNED BY it (serial, 'a'),
    /// or when its default expression names it (nextval('s'), with or without OWNED BY: the default's pg_depend row).
    /// Only whole-number columns count (a text column built from nextval has no MAX to compare), only tables (not a
    /// refresh's staging tables, which come and go), and a partition is left out when its partitioned table already
    /// draws from the sequence (its rows are in the parent's).
    /// A default written nextval('s'::text) names no sequence PostgreSQL can see, so it is not found.
    /// </summary>
    private const string SequencesSql = """
        WITH uses AS (
            SELECT d.objid AS seq, d.refobjid AS rel, d.refobjsubid AS att
            FROM pg_depend AS d
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
            UNION
            SELECT d.refobjid, ad.adrelid, ad.adnum
            FROM pg_attrdef AS ad
            JOIN pg_depend AS d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid = 0
        ), me AS (
            SELECT c.oid FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = @name
        )
        SELECT sn.nspname, s.relname, tn.nspname, t.relname, a.attname
        FROM uses AS u
        JOIN pg_class AS s ON s.oid = u.seq AND s.relkind = 'S'
        JOIN pg_namespace AS sn ON sn.oid = s.relnamespace
        JOIN pg_class AS t ON t.oid = u.rel AND t.relkind IN ('r', 'p') AND t.relname NOT LIKE '\_dr\_stage\_%'
        JOIN pg_namespace AS tn ON tn.oid = t.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = u.rel AND a.attnum = u.att AND NOT a.attisdropped
        JOIN pg_type AS ty ON ty.oid = a.atttypid
        WHERE u.seq IN (SELECT w.seq FROM uses AS w JOIN me ON w.rel = me.oid)
          AND coalesce(nullif(ty.typbasetype, 0), ty.oid) IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
          AND NOT (t.relispartition AND EXISTS (SELECT 1 FROM uses AS r WHERE r.seq = u.seq AND r.rel = pg_partition_root(t.oid)))
        ORDER BY sn.nspname, s.relname, tn.nspname, t.relname, a.attnum
        """;

    private static async Task<IReadOnlyList<SequenceInfo>> ReadSequencesAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        var rows = new List<(QualifiedName Sequence, SequenceUser User)>();
        await using var command = connection.Command(null, SequencesSql, null, ("schema", table.Schema), ("name", table.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((new QualifiedName(reader.GetString(0), reader.GetString(1)), new SequenceUser(new QualifiedName(reader.GetString(2), reader.GetString(3)), reader.GetString(4))));
        }

        // A sequence only a text column of this table uses has no row for this table: it is not this table's to move.
        return rows.GroupBy(r => r.Sequence)
            .Where(g => g.Any(r => r.User.Table == table))
            .Select(g => new SequenceInfo { Name = g.Key, Kind = SequenceKind.Sequence, Users = g.Select(r => r.User).ToList() })
            .ToList();
    }

    /// <summary>
    /// One statement reads the sequence's live position and sets it, so a refresh running at the same time that
    /// moved it further is not undone. The next value must follow the largest loaded value (the smallest, for a
    /// descending sequence): setval(next, is_called = false) hands out exactly that. Never backwards: a sequence
    /// already further, or whose columns are all empty, is left as it is (so one never used still starts at its
    /// START). Values at the end of its range leave it exhausted (setval(max, true)), as production's must be.
    /// </summary>
    public async Task<bool> AdvanceSequenceAsync(DbConnection target, DbTransaction transaction, SequenceInfo sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sequence);
        var loaded = string.Join(
            " UNION ALL ",
            sequence.Users.Select(u => $"SELECT ceil(max({Quote(u.Column)})::numeric) AS hi, floor(min({Quote(u.Column)})::numeric) AS lo FROM {Quote(u.Table)}"));
        var sql = $"""
            WITH loaded AS (
                SELECT max(hi) AS hi, min(lo) AS lo FROM ({loaded}) AS users
            ), seq AS (
                SELECT s.seqrelid, s.seqincrement::numeric AS inc, s.seqmin::numeric AS lo, s.seqmax::numeric AS hi,
                       CASE WHEN l.is_called THEN l.last_value::numeric + s.seqincrement ELSE l.last_value::numeric END AS next_now
                FROM pg_sequence AS s CROSS JOIN {Quote(sequence.Name)} AS l
                WHERE s.seqrelid = @seq::regclass
            ), wanted AS (
                SELECT seq.*, CASE WHEN seq.inc > 0 THEN loaded.hi ELSE loaded.lo END + seq.inc AS next FROM seq CROSS JOIN loaded
            )
            SELECT setval(seqrelid, (CASE WHEN next > hi THEN hi WHEN next < lo THEN lo ELSE next END)::bigint, next > hi OR next < lo)
            FROM wanted
            WHERE sign(inc) * (next - next_now) > 0
            """;
        return await target.ScalarAsync(transaction, sql, cancellationToken, null, ("seq", Quote(sequence.Name))).ConfigureAwait(false) is not null;
    }
}
