using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// load_method: merge on SQL Server: a <c>#temp</c> table of the target session (SELECT TOP (0) … INTO, so each
/// column keeps the target's type and collation), filled by the engine's ordinary CopyAsync (SqlBulkCopy), then
/// DELETE / UPDATE … WHERE EXISTS (… EXCEPT …) / INSERT … (IDENTITY_INSERT where an identity column is copied),
/// see <see cref="SqlServerMergeSql"/> for the statements and why not MERGE. Identity values are kept; computed,
/// rowversion and period columns are not among the copied ones, so the database fills them.
/// </summary>
internal sealed class SqlServerMerge : IMergeLoad
{
    /// <summary>SQL Server cannot UPDATE an identity column: a merge would leave such a column different from the source.</summary>
    public string? Obstacle(TableSchema table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        return table.Columns.FirstOrDefault(c => c.Identity != IdentityKind.None && columns.Contains(c.Name) && !table.PrimaryKey.Contains(c.Name)) is { } identity
            ? $"load_method: merge cannot keep {table.Name}'s identity column {identity.Name} equal to the source: it is not part of the primary key ({string.Join(", ", table.PrimaryKey)}), and SQL Server cannot UPDATE an identity column; use load_method: reload"
            : null;
    }

    public async Task<QualifiedName> CreateStagingAsync(DbConnection target, DbTransaction transaction, TableSchema table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);

        // The statements name the #table alone; SqlBulkCopy is given [dbo].[#…], and a #table's schema is ignored.
        var staging = new QualifiedName("dbo", "#datarefresh_merge_" + Guid.NewGuid().ToString("N")[..12]);
        await target.ExecuteAsync(transaction, SqlServerMergeSql.CreateStaging(table.Name, staging.Name, columns), cancellationToken).ConfigureAwait(false);
        return staging;
    }

    public async Task<long> CountBlockingRowsAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, ForeignKeyInfo foreignKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        return Count(await target.ScalarAsync(transaction, SqlServerMergeSql.CountBlocking(foreignKey, merge.Table.Name, merge.Staging.Name, merge.Key), cancellationToken, merge.CommandTimeout).ConfigureAwait(false));
    }

    public async Task<long> DeleteMissingAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        return Count(await target.ScalarAsync(transaction, SqlServerMergeSql.DeleteMissing(merge.Table.Name, merge.Staging.Name, merge.Key), cancellationToken, merge.CommandTimeout).ConfigureAwait(false));
    }

    public async Task<long> UpdateChangedAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);

        // Identity columns are never updated; the plan refuses a merge where one lies outside the key, and so does
        // this, rather than leave the column silently different from the source.
        if (Obstacle(merge.Table, merge.Columns) is { } obstacle)
        {
            throw new InvalidOperationException(obstacle);
        }

        var values = merge.Columns.Where(c => !merge.Key.Contains(c)).Select(c => merge.Table.Column(c)!).Where(c => c.Identity == IdentityKind.None).Select(c => (c.Name, c.DataType)).ToList();
        return SqlServerMergeSql.UpdateChanged(merge.Table.Name, merge.Staging.Name, merge.Key, values) is { } sql
            ? Count(await target.ScalarAsync(transaction, sql, cancellationToken, merge.CommandTimeout).ConfigureAwait(false))
            : 0;
    }

    /// <summary>The last statement of the merge: the #table is dropped after it (a rollback drops it as well).</summary>
    public async Task<long> InsertNewAsync(DbConnection target, DbTransaction transaction, MergeRequest merge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merge);
        var identity = merge.Columns.Any(c => merge.Table.Column(c)?.Identity is { } kind && kind != IdentityKind.None);
        var rows = Count(await target.ScalarAsync(transaction, SqlServerMergeSql.InsertNew(merge.Table.Name, merge.Staging.Name, merge.Key, merge.Columns, identity), cancellationToken, merge.CommandTimeout).ConfigureAwait(false));
        await target.ExecuteAsync(transaction, SqlServerMergeSql.DropStaging(merge.Staging.Name), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static long Count(object? value) => Convert.ToInt64(value ?? 0L, CultureInfo.InvariantCulture);
}
