using System.Data.Common;
using DataRefresh.Catalog;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// load_method: merge on PostgreSQL: a temporary table (ON COMMIT DROP) filled by the ordinary binary COPY, then
/// DELETE / UPDATE … IS DISTINCT FROM / INSERT … OVERRIDING SYSTEM VALUE against it. Not MERGE: PostgreSQL 15's
/// MERGE has no "delete rows missing from the source" clause, and three statements report three counts.
/// </summary>
internal sealed class PostgreSqlMerge : IMergeLoad
{
    public async Task<QualifiedName> CreateStagingAsync(DbConnection target, DbTransaction transaction, TableSchema table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var staging = new QualifiedName("pg_temp", "datarefresh_merge_" + Guid.NewGuid().ToString("N")[..12]);

        // The target's own column types (no identity, no generated expression, no constraint): COPY stays binary.
        await target.ExecuteAsync(transaction, $"CREATE TEMPORARY TABLE {Quote(staging.Name)} ON COMMIT DROP AS SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table.Name)} WITH NO DATA", cancellationToken).ConfigureAwait(false);
        return staging;
    }

    public async Task<long> CountBlockingRowsAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, ForeignKeyInfo foreignKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(foreignKey);
        var references = string.Join(" AND ", foreignKey.FromColumns.Zip(foreignKey.ToColumns, (c, p) => $"c.{Quote(c)} = t.{Quote(p)}"));
        var sql = $"SELECT count(*) FROM {Quote(foreignKey.From)} AS c WHERE EXISTS (SELECT 1 FROM {Quote(merge.Table.Name)} AS t WHERE {references} AND {Missing(merge)})";
        return Convert.ToInt64(await target.ScalarAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> DeleteMissingAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken) =>
        await target.ExecuteAsync(transaction, DeleteSql(merge), cancellationToken, merge.CommandTimeout).ConfigureAwait(false);

    public async Task<long> UpdateChangedAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken) =>
        UpdateSql(merge) is { } sql ? await target.ExecuteAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false) : 0;

    public async Task<long> InsertNewAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken) =>
        await target.ExecuteAsync(transaction, InsertSql(merge), cancellationToken, merge.CommandTimeout).ConfigureAwait(false);

    internal static string DeleteSql(MergeRequest merge) => $"DELETE FROM {Quote(merge.Table.Name)} AS t WHERE {Missing(merge)}";

    /// <summary>Null when every copied column is part of the key (nothing can differ).</summary>
    internal static string? UpdateSql(MergeRequest merge)
    {
        var values = merge.Columns.Where(c => !merge.Key.Contains(c)).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var set = string.Join(", ", values.Select(c => $"{Quote(c)} = s.{Quote(c)}"));
        var differs = string.Join(" OR ", values.Select(c => Differs(merge.Table.Column(c)!, c)));
        return $"UPDATE {Quote(merge.Table.Name)} AS t SET {set} FROM {Quote(merge.Staging)} AS s WHERE {Match(merge)} AND ({differs})";
    }

    internal static string InsertSql(MergeRequest merge)
    {
        var columns = string.Join(", ", merge.Columns.Select(Quote));
        return $"INSERT INTO {Quote(merge.Table.Name)} ({columns}) OVERRIDING SYSTEM VALUE SELECT {string.Join(", ", merge.Columns.Select(c => "s." + Quote(c)))} FROM {Quote(merge.Staging)} AS s "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(merge.Table.Name)} AS t WHERE {Match(merge)})";
    }

    private static string Match(MergeRequest merge) => string.Join(" AND ", merge.Key.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));

    private static string Missing(MergeRequest merge) => $"NOT EXISTS (SELECT 1 FROM {Quote(merge.Staging)} AS s WHERE {Match(merge)})";

    /// <summary>
    /// IS DISTINCT FROM (NULLs compare as values). Types whose equality is not identity (numeric 1.0 = 1.00, float
    /// -0 = 0) or that have none (json, xml, geometric) compare as text, so the result equals the source exactly.
    /// </summary>
    private static string Differs(ColumnInfo column, string name)
    {
        var type = column.DataType.ToLowerInvariant();
        string[] byText = ["numeric", "real", "double precision", "json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle", "money"];
        var asText = byText.Any(t => type == t || type.StartsWith(t + "(", StringComparison.Ordinal) || type.StartsWith(t + "[", StringComparison.Ordinal)) && type != "jsonb";
        return asText
            ? $"t.{Quote(name)}::text IS DISTINCT FROM s.{Quote(name)}::text"
            : $"t.{Quote(name)} IS DISTINCT FROM s.{Quote(name)}";
    }
}
