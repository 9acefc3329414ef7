using System.Data.Common;

namespace DataRefresh.Engines.SqlServer;

/// <summary>Preview pages on SQL Server: TOP (n) in key order after the last key (T-SQL has no row-value comparison; <see cref="SqlServerSql.PreviewPage"/>).</summary>
internal sealed class SqlServerRows : IEngineRows
{
    public Task<IReadOnlyList<object?[]>> ReadPageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = request.After is not null && request.Key.Count > 0;
        var sql = SqlServerSql.PreviewPage(request.Table, request.Columns, request.Key, after);
        (string, object?)[] parameters = [("@limit", request.Limit), .. after ? RowPages.KeyParameters(request) : []];
        return RowPages.ReadAsync(connection, transaction, sql, request.CommandTimeout, parameters, cancellationToken);
    }
}
