using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.History;

/// <summary>The few things the history journal needs that differ by engine: types, defaults, who am I.</summary>
public interface IHistoryDialect
{
    string TextType { get; }

    string KeyTextType { get; }

    string TimestampType { get; }

    string Quote(QualifiedName table);

    /// <summary>How a history query keeps only its newest rows: true for SELECT TOP (@last) (SQL Server), false for a trailing LIMIT @last.</summary>
    bool LimitsWithTop { get; }

    /// <summary>
    /// Whether the per-table history index keys lower(table_name) and lookups compare lowered names (true: PostgreSQL and
    /// SQLite index expressions, and names match ignoring case as Get-RefreshHistory -Table's do); false keys the bare
    /// table_name, compared by its collation (SQL Server, which cannot index an expression; case-insensitive by default).
    /// </summary>
    bool FoldsTableNames => true;

    /// <summary>What follows CREATE INDEX for an index of the history table: its name, ON, the table (SQLite puts the schema on the index name, not on the table).</summary>
    string IndexOn(QualifiedName table, string index);

    /// <summary>A query returning a row when the history table @schema.@table has an index named @index.</summary>
    string IndexExists(QualifiedName table);

    Task<string> DefaultSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    Task<string> LoginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether the process that wrote a Running row is still at work.</summary>
    Task<bool> IsRunAliveAsync(DbConnection connection, HistoryEntry running, CancellationToken cancellationToken);

    /// <summary>The value a history timestamp column reads back as, in UTC.</summary>
    DateTime ReadTimestamp(object value);

    /// <summary>Type a timestamp parameter like <see cref="TimestampType"/> (SQL Server would send a DateTime as datetime, 1/300 s); most engines need nothing.</summary>
    void TypeTimestamp(DbParameter parameter)
    {
    }
}
