using System.Data.Common;
using DataRefresh.Catalog;
using static DataRefresh.Engines.Sqlite.SqliteEngine;

namespace DataRefresh.Engines.Sqlite;

/// <summary>
/// load_method: merge on SQLite: a TEMP table with the target columns' declared types (so values take the same
/// affinity as in the target), filled by the ordinary row-by-row copy, then DELETE / UPDATE … FROM / INSERT.
/// </summary>
internal sealed class SqliteMerge : IMergeLoad
{
    public async Task<QualifiedName> CreateStagingAsync(DbConnection target, DbTransaction transaction, TableSchema table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var staging = new QualifiedName("temp", "datarefresh_merge_" + Guid.NewGuid().ToString("N")[..12]);
        var definitions = string.Join(", ", columns.Select(c => $"{Quote(c)} {table.Column(c)!.DataType}".TrimEnd()));
        await target.ExecuteAsync(transaction, $"CREATE TEMP TABLE {Quote(staging.Name)} ({definitions})", cancellationToken).ConfigureAwait(false);
        return staging;
    }

    public async Task<long> CountBlockingRowsAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, ForeignKeyInfo foreignKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        ArgumentNullException.ThrowIfNull(foreignKey);

        // A key declared as REFERENCES parent (no columns) references the primary key.
        var parentColumns = foreignKey.ToColumns.Any(c => c.Length == 0) ? merge.Table.PrimaryKey : foreignKey.ToColumns;
        var references = string.Join(" AND ", foreignKey.FromColumns.Zip(parentColumns, (c, p) => $"c.{Quote(c)} = t.{Quote(p)}"));
        var sql = $"SELECT count(*) FROM {Quote(foreignKey.From)} AS c WHERE EXISTS (SELECT 1 FROM {Quote(merge.Table.Name)} AS t WHERE {references} AND {Missing(merge)})";
        return Convert.ToInt64(await target.ScalarAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> DeleteMissingAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken) =>
        await target.ExecuteAsync(transaction, $"DELETE FROM {Quote(merge.Table.Name)} AS t WHERE {Missing(merge)}", cancellationToken, merge.CommandTimeout).ConfigureAwait(false);

    public async Task<long> UpdateChangedAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var values = merge.Columns.Where(c => !merge.Key.Contains(c)).ToList();
        if (values.Count == 0)
        {
            return 0;
        }

        // IS NOT compares NULLs as values; BINARY overrides a NOCASE column collation and typeof catches 1 vs 1.0,
        // so only rows that differ byte for byte are written.
        var set = string.Join(", ", values.Select(c => $"{Quote(c)} = s.{Quote(c)}"));
        var differs = string.Join(" OR ", values.Select(c => $"t.{Quote(c)} IS NOT s.{Quote(c)} COLLATE BINARY OR typeof(t.{Quote(c)}) <> typeof(s.{Quote(c)})"));
        var sql = $"UPDATE {Quote(merge.Table.Name)} AS t SET {set} FROM {Quote(merge.Staging)} AS s WHERE {Match(merge)} AND ({differs})";
        return await target.ExecuteAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false);
    }

    public async Task<long> InsertNewAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var columns = string.Join(", ", merge.Columns.Select(Quote));
        var sql = $"INSERT INTO {Quote(merge.Table.Name)} ({columns}) SELECT {string.Join(", ", merge.Columns.Select(c => "s." + Quote(c)))} FROM {Quote(merge.Staging)} AS s "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(merge.Table.Name)} AS t WHERE {Match(merge)})";
        return await target.ExecuteAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false);
    }

    private static string Match(MergeRequest merge) => string.Join(" AND ", merge.Key.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));

    private static string Missing(MergeRequest merge) => $"NOT EXISTS (SELECT 1 FROM {Quote(merge.Staging)} AS s WHERE {Match(merge)})";
}
