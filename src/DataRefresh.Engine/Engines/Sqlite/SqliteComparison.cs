using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataRefresh.Comparison;
using Microsoft.Data.Sqlite;
using static DataRefresh.Engines.Sqlite.SqliteEngine;

namespace DataRefresh.Engines.Sqlite;

/// <summary>
/// Compare-TableState on SQLite: functions registered on each connection compute the canonical text of a value
/// from its storage class (integer, real with every digit, text, blob as hex, NULL apart from '' and 'NULL'), a
/// row's 64-bit hash (the first 8 bytes of SHA-256 of the row's canonical text) and a wrapping sum of hashes.
/// Keys order as the table's columns collate.
/// </summary>
internal sealed class SqliteComparison : IComparisonDialect
{
    public Task PrepareAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        sqlite.CreateFunction("dr_canon", (object? value) => value is null or DBNull ? null : Canonical.Text(value), isDeterministic: true);
        sqlite.CreateFunction("dr_rowhash", (object?[] values) => RowHash(values), isDeterministic: true);
        sqlite.CreateAggregate("dr_hashsum", 0L, (long sum, long hash) => unchecked(sum + hash), isDeterministic: true);
        return Task.CompletedTask;
    }

    public async Task<long> EstimateAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, CancellationToken cancellationToken) =>
        Convert.ToInt64(await connection.ScalarAsync(transaction, $"SELECT count(*) FROM {Quote(shape.Table.Name)}", cancellationToken, shape.Timeout).ConfigureAwait(false), CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<object?[]>> BoundsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, long step, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(shape, range);
        var sql = $"SELECT {string.Join(", ", shape.Key.Select((_, i) => $"k{i}"))} FROM (SELECT {string.Join(", ", shape.Key.Select((c, i) => $"{Quote(c.Name)} AS k{i}"))}, row_number() OVER (ORDER BY {KeyList(shape)}) AS rn FROM {Quote(shape.Table.Name)}{where}) WHERE rn % {step.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY rn";
        var keys = new List<object?[]>();
        await foreach (var row in ReadAsync(connection, transaction, sql, parameters, shape, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row[..shape.Key.Count]);
        }

        return keys;
    }

    public async Task<SegmentSum[]> SumsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, IReadOnlyList<object?[]> bounds, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(shape, range);
        var segment = new StringBuilder(bounds.Count == 0 ? "0" : "CASE");
        for (var i = 0; i < bounds.Count; i++)
        {
            segment.Append(CultureInfo.InvariantCulture, $" WHEN {Tuple(shape, bounds[i], parameters, "<")} THEN {i}");
        }

        if (bounds.Count > 0)
        {
            segment.Append(CultureInfo.InvariantCulture, $" ELSE {bounds.Count} END");
        }

        var sql = $"SELECT {segment} AS seg, count(*), dr_hashsum({RowHashCall(shape)}) FROM {Quote(shape.Table.Name)}{where} GROUP BY 1";
        var sums = new SegmentSum[bounds.Count + 1];
        Array.Fill(sums, new SegmentSum(0, "0"));
        await foreach (var row in ReadAsync(connection, transaction, sql, parameters, shape, cancellationToken).ConfigureAwait(false))
        {
            sums[Convert.ToInt32(row[0], CultureInfo.InvariantCulture)] = new SegmentSum(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToString(row[2], CultureInfo.InvariantCulture) ?? "0");
        }

        return sums;
    }

    public async Task<List<(object?[] Key, long Hash)>> RowHashesAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(shape, range);
        var sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {RowHashCall(shape)} FROM {Quote(shape.Table.Name)}{where} ORDER BY {KeyList(shape)}";
        var rows = new List<(object?[], long)>();
        await foreach (var row in ReadAsync(connection, transaction, sql, parameters, shape, cancellationToken).ConfigureAwait(false))
        {
            rows.Add((row[..shape.Key.Count], Convert.ToInt64(row[shape.Key.Count], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public async Task<Dictionary<string, string?[]>> CanonicalAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, IReadOnlyList<object?[]> keys, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object?)>();
        var match = string.Join(" OR ", keys.Select(k => "(" + Tuple(shape, k, parameters, "=") + ")"));
        var sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {string.Join(", ", shape.Columns.Select(c => $"dr_canon({Quote(c.Name)})"))} FROM {Quote(shape.Table.Name)} WHERE {match}";
        var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        await foreach (var row in ReadAsync(connection, transaction, sql, parameters, shape, cancellationToken).ConfigureAwait(false))
        {
            rows[CompareShape.KeyText(row[..shape.Key.Count])] = [.. row[shape.Key.Count..].Select(v => v as string)];
        }

        return rows;
    }

    /// <summary>
    /// Without the storage-class letter (<c>t</c>, <c>n</c>, <c>r</c>, <c>b</c>) that keeps 1 and '1' apart in the
    /// comparison; a whole real keeps a ".0" so it does not read as the integer it differs from.
    /// </summary>
    public string? Display(string? canonical) => canonical switch
    {
        ['r', .. var real] when real.All(c => char.IsAsciiDigit(c) || c == '-') => real + ".0",
        { Length: > 0 } => canonical[1..],
        _ => canonical,
    };

    private static long RowHash(object?[] values)
    {
        var text = new StringBuilder();
        foreach (var v in values)
        {
            var canonical = v is null or DBNull ? "N" : Canonical.Text(v);
            text.Append(canonical.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(canonical);
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return BitConverter.ToInt64(hash[..8]);
    }

    private static string RowHashCall(CompareShape shape) => $"dr_rowhash({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))})";

    private static string KeyList(CompareShape shape) => string.Join(", ", shape.Key.Select(c => Quote(c.Name)));

    private static string Tuple(CompareShape shape, IReadOnlyList<object?> values, List<(string, object?)> parameters, string op)
    {
        var names = new List<string>();
        for (var i = 0; i < shape.Key.Count; i++)
        {
            var name = $"@p{parameters.Count}";
            parameters.Add((name, values[i]));
            names.Add(name);
        }

        return $"({KeyList(shape)}) {op} ({string.Join(", ", names)})";
    }

    private static (string Where, List<(string, object?)> Parameters) Where(CompareShape shape, KeyRange range) =>
        RangePredicate.For(range, (values, parameters, op) => Tuple(shape, values, parameters, op));

    private static async IAsyncEnumerable<object?[]> ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, List<(string, object?)> parameters, CompareShape shape, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, sql, shape.Timeout, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }
}
