using System.Data.Common;
using static DataRefresh.Engines.Sqlite.SqliteEngine;

namespace DataRefresh.Engines.Sqlite;

/// <summary>Preview pages on SQLite: a row-value comparison on the key, LIMIT.</summary>
internal sealed class SqliteRows : IEngineRows
{
    public Task<IReadOnlyList<object?[]>> ReadPageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RowPages.ReadRowValuePageAsync(connection, transaction, request, Quote(request.Table), Quote, "@", cancellationToken);
    }
}
