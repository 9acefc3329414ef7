using System.Data.Common;
using System.Globalization;
using static DataRefresh.Engines.Sqlite.SqliteEngine;

namespace DataRefresh.Engines.Sqlite;

/// <summary>Preview pages on SQLite: a row-value comparison on the key, LIMIT.</summary>
internal sealed class SqliteRows : IEngineRows
{
    public Task<IReadOnlyList<object?[]>> ReadPageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = string.Join(", ", request.Key.Select(Quote));
        var where = request.After is null || request.Key.Count == 0 ? "" : $" WHERE ({key}) > ({string.Join(", ", request.Key.Select((_, i) => $"@k{i}"))})";
        var order = request.Key.Count == 0 ? "" : $" ORDER BY {key}";
        var sql = $"SELECT {string.Join(", ", request.Columns.Select(Quote))} FROM {Quote(request.Table)}{where}{order} LIMIT {request.Limit.ToString(CultureInfo.InvariantCulture)}";
        return RowPages.ReadAsync(connection, transaction, sql, request.CommandTimeout, request.Key.Count == 0 ? [] : RowPages.KeyParameters(request), cancellationToken);
    }
}
