using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines;

/// <summary>Reads that plan a refresh: the catalog, a table's schema, row counts and bounds, triggers, and whether columns load.</summary>
public interface IEngineCatalog
{
    /// <summary>The table's user triggers that a load would fire (for the plan); empty where the engine's loads fire none.</summary>
    Task<IReadOnlyList<string>> UserTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>
    /// The table's enabled INSTEAD OF triggers (SQL Server; PostgreSQL and SQLite allow them on views only): with
    /// fire_triggers: true one would run in place of a load's DELETE, UPDATE or INSERT, so the plan refuses that load.
    /// </summary>
    Task<IReadOnlyList<InsteadOfTrigger>> InsteadOfTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InsteadOfTrigger>>([]);

    /// <summary>
    /// Every table a configured name could mean, with its search order, for <see cref="TableCatalog.Resolve"/>: names
    /// are matched in C#, never with the server's lower(). Read once per connection and plan.
    /// </summary>
    Task<TableCatalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken);

    Task<TableSchema> ReadTableAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken);

    Task<object?> ReadMaxAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, string column, CancellationToken cancellationToken);

    Task<bool> HasRowsAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken);

    /// <summary>Rows a copy will read: the catalog's statistics for a whole table where they exist (no scan), else a count.</summary>
    Task<long> EstimateRowsAsync(DbConnection connection, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="EstimateRowsAsync(DbConnection, QualifiedName, RowFilter?, CancellationToken)"/> of many whole tables
    /// at once, with the same numbers: one catalog query for all of them (plus, on PostgreSQL, one count statement for
    /// those the catalog has no statistics for yet), not a round trip per table. Names are exact catalog names
    /// (<see cref="TableCatalog.Resolve"/>); PostgreSQL and SQL Server leave out one the database does not have.
    /// </summary>
    Task<IReadOnlyDictionary<QualifiedName, long>> EstimateRowsAsync(DbConnection connection, IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken);

    Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken);

    /// <summary>The filter as the DBA would write it, for the plan (values shown as literals).</summary>
    string DescribeFilter(RowFilter filter);

    /// <summary>Null when a source column's values load into the target column; otherwise why not.</summary>
    string? Incompatibility(ColumnInfo source, ColumnInfo target);

    /// <summary>How a loadable column's values are converted on the way (SQL Server: a collation change), for the plan; null when they are not.</summary>
    string? Conversion(ColumnInfo source, ColumnInfo target) => null;
}
