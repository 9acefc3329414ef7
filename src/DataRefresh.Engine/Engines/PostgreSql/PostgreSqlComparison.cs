using System.Data.Common;
using System.Globalization;
using System.Text;
using DataRefresh.Comparison;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// Compare-TableState on PostgreSQL. Canonical text is each type's output function under fixed session settings
/// (ISO dates to the microsecond in UTC, postgres intervals, shortest exact floats so -0 and 0 differ, hex bytea);
/// quote_literal marks NULL apart from '' and 'NULL'. The row hash is the first 64 bits of md5 (stable across
/// versions, unlike hashtext); sums are numeric, so they never overflow. Text keys order and compare under
/// COLLATE "C" on both sides, whatever the databases' collations.
/// </summary>
internal sealed class PostgreSqlComparison : IComparisonDialect
{
    public async Task PrepareAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(transaction, "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'", cancellationToken).ConfigureAwait(false);

    public async Task<long> EstimateAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = @t::regclass", cancellationToken, shape.Timeout, ("t", Quote(shape.Table.Name))).ConfigureAwait(false) is long n && n > 0
            ? n
            : Convert.ToInt64(await connection.ScalarAsync(transaction, $"SELECT count(*) FROM {Quote(shape.Table.Name)}", cancellationToken, shape.Timeout).ConfigureAwait(false), CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<object?[]>> BoundsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, long step, CancellationToken cancellationToken)
    {
        var keys = KeyList(shape);
        var (where, parameters) = Where(shape, range);
        var sql = $"SELECT {string.Join(", ", shape.Key.Select((_, i) => $"k{i}"))} FROM (SELECT {string.Join(", ", shape.Key.Select((c, i) => $"{Quote(c.Name)} AS k{i}"))}, row_number() OVER (ORDER BY {keys}) AS rn FROM {Quote(shape.Table.Name)}{where}) s WHERE rn % {step.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY rn";
        return await ReadKeysAsync(connection, transaction, sql, parameters, shape, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SegmentSum[]> SumsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, IReadOnlyList<object?[]> bounds, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(shape, range);
        var segment = Segment(shape, bounds, parameters);
        var sql = $"SELECT {segment} AS seg, count(*), coalesce(sum({RowHash(shape)}), 0)::text FROM {Quote(shape.Table.Name)}{where} GROUP BY 1";
        var sums = new SegmentSum[bounds.Count + 1];
        Array.Fill(sums, new SegmentSum(0, "0"));
        await using var command = connection.Command(transaction, sql, shape.Timeout, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sums[reader.GetInt32(0)] = new SegmentSum(reader.GetInt64(1), reader.GetString(2));
        }

        return sums;
    }

    public async Task<List<(object?[] Key, long Hash)>> RowHashesAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(shape, range);
        var sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {RowHash(shape)} FROM {Quote(shape.Table.Name)}{where} ORDER BY {KeyList(shape)}";
        var rows = new List<(object?[], long)>();
        await using var command = connection.Command(transaction, sql, shape.Timeout, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new object?[shape.Key.Count];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = reader.GetValue(i);
            }

            rows.Add((key, reader.GetInt64(key.Length)));
        }

        return rows;
    }

    public async Task<Dictionary<string, string?[]>> CanonicalAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, IReadOnlyList<object?[]> keys, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object?)>();
        var match = new StringBuilder();
        foreach (var key in keys)
        {
            match.Append(match.Length == 0 ? "" : " OR ").Append('(').Append(Tuple(shape, key, parameters, "=")).Append(')');
        }

        var sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {string.Join(", ", shape.Columns.Select(c => $"{Quote(c.Name)}::text"))} FROM {Quote(shape.Table.Name)} WHERE {match}";
        var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        await using var command = connection.Command(transaction, sql, shape.Timeout, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = Enumerable.Range(0, shape.Key.Count).Select(i => (object?)reader.GetValue(i)).ToList();
            rows[CompareShape.KeyText(key)] = [.. shape.Columns.Select((_, i) => reader.IsDBNull(shape.Key.Count + i) ? null : reader.GetString(shape.Key.Count + i))];
        }

        return rows;
    }

    private static bool IsText(Catalog.ColumnInfo c) =>
        c.DataType is "text" or "name" or "citext" || c.DataType.StartsWith("character", StringComparison.Ordinal);

    private static string KeyExpression(Catalog.ColumnInfo c) => IsText(c) ? $"{Quote(c.Name)} COLLATE \"C\"" : Quote(c.Name);

    private static string KeyList(CompareShape shape) => string.Join(", ", shape.Key.Select(KeyExpression));

    private static string RowHash(CompareShape shape) =>
        $"('x' || substr(md5(concat_ws(',', {string.Join(", ", shape.Columns.Select(c => $"coalesce(quote_literal({Quote(c.Name)}), 'N')"))})), 1, 16))::bit(64)::bigint";

    /// <summary>(k1, k2) op (@p, @q), each bound cast to its column's type (and collation for text).</summary>
    private static string Tuple(CompareShape shape, IReadOnlyList<object?> values, List<(string, object?)> parameters, string op)
    {
        var bound = new List<string>();
        foreach (var (c, i) in shape.Key.Select((c, i) => (c, i)))
        {
            var name = $"p{parameters.Count}";
            parameters.Add((name, values[i]));
            bound.Add(IsText(c) ? $"CAST(@{name} AS text) COLLATE \"C\"" : $"CAST(@{name} AS {c.DataType})");
        }

        return $"({KeyList(shape)}) {op} ({string.Join(", ", bound)})";
    }

    private static (string Where, List<(string, object?)> Parameters) Where(CompareShape shape, KeyRange range) =>
        RangePredicate.For(range, (values, parameters, op) => Tuple(shape, values, parameters, op));

    /// <summary>The segment number of each row: width_bucket for one non-text key column, else a CASE over the bounds.</summary>
    private static string Segment(CompareShape shape, IReadOnlyList<object?[]> bounds, List<(string, object?)> parameters)
    {
        if (bounds.Count == 0)
        {
            return "0";
        }

        if (shape.Key is [var only] && !IsText(only))
        {
            var items = new List<string>();
            foreach (var b in bounds)
            {
                var name = $"p{parameters.Count}";
                parameters.Add((name, b[0]));
                items.Add($"CAST(@{name} AS {only.DataType})");
            }

            return $"width_bucket({Quote(only.Name)}, ARRAY[{string.Join(", ", items)}])";
        }

        var cases = new StringBuilder("CASE");
        for (var i = 0; i < bounds.Count; i++)
        {
            cases.Append(CultureInfo.InvariantCulture, $" WHEN {Tuple(shape, bounds[i], parameters, "<")} THEN {i}");
        }

        return cases.Append(CultureInfo.InvariantCulture, $" ELSE {bounds.Count} END").ToString();
    }

    private static async Task<IReadOnlyList<object?[]>> ReadKeysAsync(DbConnection connection, DbTransaction? transaction, string sql, List<(string, object?)> parameters, CompareShape shape, CancellationToken cancellationToken)
    {
        var width = shape.Key.Count;
        var keys = new List<object?[]>();
        await using var command = connection.Command(transaction, sql, shape.Timeout, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = new object?[width];
            for (var i = 0; i < width; i++)
            {
                key[i] = reader.GetValue(i);
            }

            keys.Add(key);
        }

        return keys;
    }
}
