using System.Data.Common;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>Preview pages on PostgreSQL: a row-value comparison on the key (served by the key's index), LIMIT.</summary>
internal sealed class PostgreSqlRows : IEngineRows
{
    public Task<IReadOnlyList<object?[]>> ReadPageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RowPages.ReadRowValuePageAsync(connection, transaction, request, Quote(request.Table), Quote, "", cancellationToken);
    }
}
