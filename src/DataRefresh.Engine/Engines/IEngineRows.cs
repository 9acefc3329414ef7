using System.Data.Common;
using DataRefresh.Catalog;

namespace DataRefresh.Engines;

/// <summary>
/// A page of a table's rows in key order (keyset paging: rows whose key is after the last page's last key), for a
/// preview on a read-only connection (the source's read transaction, the target's inspect session). Reads only.
/// </summary>
public interface IEngineRows
{
    /// <summary>
    /// Up to <see cref="RowPageRequest.Limit"/> rows of <see cref="RowPageRequest.Columns"/>, ordered by
    /// <see cref="RowPageRequest.Key"/>, whose key is greater than <see cref="RowPageRequest.After"/> (null: from the start). With no key the rows come in no order (one
    /// page only). Values as the engine's reader decodes them (SQL NULL is <c>null</c>).
    /// </summary>
    Task<IReadOnlyList<object?[]>> ReadPageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IEngineRows.ReadPageAsync"/> reads: the columns and key as the table spells them.</summary>
public sealed record RowPageRequest(QualifiedName Table, IReadOnlyList<string> Columns, IReadOnlyList<string> Key, IReadOnlyList<object?>? After, int Limit, int CommandTimeout);

/// <summary>Reading a page's rows, shared by the engines' implementations.</summary>
internal static class RowPages
{
    public static async Task<IReadOnlyList<object?[]>> ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, int timeout, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, sql, timeout, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// A page on an engine with row-value comparison (PostgreSQL, SQLite): <c>WHERE (key) &gt; (@k0, …) ORDER BY key
    /// LIMIT n</c>, served by the key's index. <paramref name="quote"/> quotes a column, <paramref name="table"/> is
    /// the quoted table, <paramref name="prefix"/> the engine's parameter-name prefix.
    /// </summary>
    public static Task<IReadOnlyList<object?[]>> ReadRowValuePageAsync(DbConnection connection, DbTransaction? transaction, RowPageRequest request, string table, Func<string, string> quote, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = string.Join(", ", request.Key.Select(quote));
        var where = request.After is null || request.Key.Count == 0 ? "" : $" WHERE ({key}) > ({string.Join(", ", request.Key.Select((_, i) => $"@k{i}"))})";
        var order = request.Key.Count == 0 ? "" : $" ORDER BY {key}";
        var sql = $"SELECT {string.Join(", ", request.Columns.Select(quote))} FROM {table}{where}{order} LIMIT {request.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return ReadAsync(connection, transaction, sql, request.CommandTimeout, request.Key.Count == 0 ? [] : KeyParameters(request, prefix), cancellationToken);
    }

    /// <summary>The key's values as named parameters <c>@k0</c>, <c>@k1</c>, …</summary>
    public static (string Name, object? Value)[] KeyParameters(RowPageRequest request, string prefix = "@") =>
        request.After is { } after ? [.. after.Select((v, i) => ($"{prefix}k{i}", v))] : [];
}
