using System.Data.Common;
using System.Globalization;
using System.Text;
using DataRefresh.Catalog;
using DataRefresh.Comparison;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// Compare-TableState on SQL Server. Each value's canonical text is a CONVERT with a fixed, culture-independent
/// style (never FORMAT, whose output follows the session language): numbers with their scale, date and time types
/// in style 121 with every fractional digit of their type (datetime2(7) to 100 ns, datetimeoffset with its offset),
/// float and real in style 3 (17 and 9 digits, round-trip), binary as hex (style 2), uniqueidentifier lower-case,
/// bit as 0/1, text as nvarchar (varchar converted to Unicode). Each value is prefixed with its length, NULL is
/// <c>N</c>, so NULL, '' and 'NULL' differ. The row hash is the first 8 bytes of HASHBYTES('SHA2_256') over the
/// row's nvarchar text (UTF-16 bytes: case and trailing spaces count, whatever the column's collation); never
/// CHECKSUM or BINARY_CHECKSUM, which collide and follow collations. Sums are decimal(38,0) (a SUM of bigint would
/// overflow), compared as text with the other side, which is SQL Server too. Text keys order and compare under
/// Latin1_General_BIN2 on both sides, whatever the columns' collations.
/// </summary>
/// <remarks>
/// Targets SQL Server 2016 and later: HASHBYTES takes at most 8000 bytes of input before 2016 (a wide row's text
/// would fail there), and style 3 for float is 2016's.
/// </remarks>
internal sealed class SqlServerComparison : IComparisonDialect
{
    /// <summary>Code-point order for Unicode text, the same on both sides and independent of the columns' collations.</summary>
    internal const string BinaryCollation = "Latin1_General_BIN2";

    /// <summary>SQL Server takes at most 2100 parameters in one statement; leave room.</summary>
    private const int MaxParameters = 2000;

    /// <summary>Styles are explicit in every CONVERT, so the session's language and date format change nothing.</summary>
    public Task PrepareAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<long> EstimateAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, CancellationToken cancellationToken)
    {
        var table = Quote(shape.Table.Name);
        return await connection.ScalarAsync(transaction, Estimate, cancellationToken, shape.Timeout, ("t", table)).ConfigureAwait(false) is long n && n > 0
            ? n
            : Convert.ToInt64(await connection.ScalarAsync(transaction, CountAll(shape.Table.Name), cancellationToken, shape.Timeout).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<object?[]>> BoundsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, long step, CancellationToken cancellationToken)
    {
        var statement = Bounds(shape, range, step);
        var keys = new List<object?[]>();
        await foreach (var row in ReadAsync(connection, transaction, statement, shape, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row[..shape.Key.Count]);
        }

        return keys;
    }

    public async Task<SegmentSum[]> SumsAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, IReadOnlyList<object?[]> bounds, CancellationToken cancellationToken)
    {
        var sums = new SegmentSum[bounds.Count + 1];
        Array.Fill(sums, new SegmentSum(0, "0"));
        await foreach (var row in ReadAsync(connection, transaction, Sums(shape, range, bounds), shape, cancellationToken).ConfigureAwait(false))
        {
            sums[Convert.ToInt32(row[0], CultureInfo.InvariantCulture)] = new SegmentSum(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), row[2] as string ?? "0");
        }

        return sums;
    }

    public async Task<List<(object?[] Key, long Hash)>> RowHashesAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, KeyRange range, CancellationToken cancellationToken)
    {
        var rows = new List<(object?[], long)>();
        await foreach (var row in ReadAsync(connection, transaction, RowHashes(shape, range), shape, cancellationToken).ConfigureAwait(false))
        {
            rows.Add((row[..shape.Key.Count], Convert.ToInt64(row[shape.Key.Count], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    public async Task<Dictionary<string, string?[]>> CanonicalAsync(DbConnection connection, DbTransaction? transaction, CompareShape shape, IReadOnlyList<object?[]> keys, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var batch in keys.Chunk(Math.Max(1, MaxParameters / Math.Max(1, shape.Key.Count))))
        {
            await foreach (var row in ReadAsync(connection, transaction, Canonical(shape, batch), shape, cancellationToken).ConfigureAwait(false))
            {
                rows[CompareShape.KeyText(row[..shape.Key.Count])] = [.. row[shape.Key.Count..].Select(v => v as string)];
            }
        }

        return rows;
    }

    /// <summary>Rows in the catalog (heap or clustered index, every partition): an estimate, NULL for an unknown table.</summary>
    internal const string Estimate = "SELECT CAST(SUM(p.rows) AS bigint) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(@t) AND p.index_id IN (0, 1)";

    internal static string CountAll(QualifiedName table) => $"SELECT COUNT_BIG(*) FROM {Quote(table)}";

    /// <summary>Every <paramref name="step"/>-th key of the range in key order (binary collation for text).</summary>
    internal static Statement Bounds(CompareShape shape, KeyRange range, long step)
    {
        var statement = new Statement();
        var where = Where(shape, range, statement);
        var keys = string.Join(", ", shape.Key.Select((_, i) => $"s.k{i}"));
        var inner = string.Join(", ", shape.Key.Select((c, i) => $"{Quote(c.Name)} AS k{i}"));
        statement.Sql = $"SELECT {keys} FROM (SELECT {inner}, ROW_NUMBER() OVER (ORDER BY {KeyList(shape)}) AS rn FROM {Quote(shape.Table.Name)}{where}) AS s WHERE s.rn % {step.ToString(CultureInfo.InvariantCulture)} = 0 ORDER BY s.rn";
        return statement;
    }

    /// <summary>Every segment's row count and hash sum in one scan: the segment is a CASE over the bounds.</summary>
    internal static Statement Sums(CompareShape shape, KeyRange range, IReadOnlyList<object?[]> bounds)
    {
        var statement = new Statement();
        var where = Where(shape, range, statement);
        var segment = new StringBuilder(bounds.Count == 0 ? "0" : "CASE");
        for (var i = 0; i < bounds.Count; i++)
        {
            segment.Append(CultureInfo.InvariantCulture, $" WHEN {Tuple(shape, bounds[i], statement, "<")} THEN {i}");
        }

        if (bounds.Count > 0)
        {
            segment.Append(CultureInfo.InvariantCulture, $" ELSE {bounds.Count} END");
        }

        statement.Sql = $"SELECT r.seg, COUNT_BIG(*), CONVERT(varchar(40), SUM(CAST(r.h AS decimal(38,0)))) FROM (SELECT {segment} AS seg, {RowHash(shape)} AS h FROM {Quote(shape.Table.Name)}{where}) AS r GROUP BY r.seg";
        return statement;
    }

    /// <summary>Each row's key and hash in the range, in key order.</summary>
    internal static Statement RowHashes(CompareShape shape, KeyRange range)
    {
        var statement = new Statement();
        var where = Where(shape, range, statement);
        statement.Sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {RowHash(shape)} FROM {Quote(shape.Table.Name)}{where} ORDER BY {KeyList(shape)}";
        return statement;
    }

    /// <summary>Each compared column's canonical text (NULL as NULL) for the rows with these keys.</summary>
    internal static Statement Canonical(CompareShape shape, IReadOnlyList<object?[]> keys)
    {
        var statement = new Statement();
        var match = string.Join(" OR ", keys.Select(k => "(" + Tuple(shape, k, statement, "=") + ")"));
        statement.Sql = $"SELECT {string.Join(", ", shape.Key.Select(c => Quote(c.Name)))}, {string.Join(", ", shape.Columns.Select(Text))} FROM {Quote(shape.Table.Name)} WHERE {match}";
        return statement;
    }

    /// <summary>A parameterised statement; each parameter typed like the key column it is compared with.</summary>
    internal sealed class Statement
    {
        public string Sql { get; set; } = "";

        public List<(string Name, object? Value, string Type)> Parameters { get; } = [];

        public string Add(object? value, string type)
        {
            var name = $"@p{Parameters.Count.ToString(CultureInfo.InvariantCulture)}";
            Parameters.Add((name, value, type));
            return name;
        }
    }

    private static string BaseType(ColumnInfo c)
    {
        var paren = c.DataType.IndexOf('(', StringComparison.Ordinal);
        return (paren < 0 ? c.DataType : c.DataType[..paren]).Trim().ToLowerInvariant();
    }

    private static bool IsUnicodeText(ColumnInfo c) => BaseType(c) is "nvarchar" or "nchar";

    private static bool IsAnsiText(ColumnInfo c) => BaseType(c) is "varchar" or "char";

    /// <summary>
    /// A key column as it is ordered and compared: Unicode text under the binary collation (code-point order); other
    /// text converted to nvarchar first, since relabelling varchar with another collation could change its code page.
    /// </summary>
    private static string KeyExpression(ColumnInfo c) =>
        IsUnicodeText(c) ? $"{Quote(c.Name)} COLLATE {BinaryCollation}"
        : IsAnsiText(c) ? $"CAST({Quote(c.Name)} AS nvarchar(4000)) COLLATE {BinaryCollation}"
        : Quote(c.Name);

    /// <summary>The type a key column's bound is sent as.</summary>
    private static string KeyParameterType(ColumnInfo c) => IsAnsiText(c) ? "nvarchar(4000)" : c.DataType;

    private static string KeyList(CompareShape shape) => string.Join(", ", shape.Key.Select(KeyExpression));

    /// <summary>
    /// A value's canonical text as nvarchar(max), NULL for NULL. The styles do not depend on the session's language
    /// or DATEFORMAT: 121 is yyyy-mm-dd hh:mi:ss with as many fractional digits as the type has (and the offset for
    /// datetimeoffset), 3 is float's 17 significant digits (real's 9), 2 is hex without 0x (both ASCII, converted
    /// through varchar as the styles are documented for it).
    /// </summary>
    internal static string Text(ColumnInfo c)
    {
        var q = Quote(c.Name);
        var text = BaseType(c) switch
        {
            "bit" or "tinyint" or "smallint" or "int" or "bigint" or "decimal" or "numeric" => $"CONVERT(nvarchar(max), {q})",
            "money" or "smallmoney" => $"CONVERT(nvarchar(max), {q}, 2)",
            "float" or "real" => $"CAST(CONVERT(varchar(max), {q}, 3) AS nvarchar(max))",
            "date" or "time" or "datetime2" or "datetimeoffset" or "datetime" or "smalldatetime" => $"CONVERT(nvarchar(max), {q}, 121)",
            "uniqueidentifier" => $"LOWER(CONVERT(nvarchar(max), {q}))",
            "binary" or "varbinary" => $"CAST(CONVERT(varchar(max), {q}, 2) AS nvarchar(max))",
            "image" or "geography" or "geometry" or "hierarchyid" => $"CAST(CONVERT(varchar(max), CAST({q} AS varbinary(max)), 2) AS nvarchar(max))",
            "sql_variant" => $"CONVERT(nvarchar(max), SQL_VARIANT_PROPERTY({q}, 'BaseType')) + N':' + CONVERT(nvarchar(max), {q})",
            _ => $"CAST({q} AS nvarchar(max))",
        };

        // nvarchar's bytes do not depend on the collation; a common one avoids collation conflicts between columns.
        return $"{text} COLLATE {BinaryCollation}";
    }

    /// <summary>
    /// The row's 64-bit hash: the first 8 bytes of SHA-256 over every column as <c>v&lt;bytes&gt;:&lt;text&gt;</c>, or
    /// <c>N</c> for NULL. <c>+</c> rather than CONCAT: CONCAT takes at most 254 arguments. Every part is
    /// nvarchar(max), so a row wider than 8000 bytes is not truncated (HASHBYTES takes it since SQL Server 2016).
    /// </summary>
    internal static string RowHash(CompareShape shape)
    {
        var parts = shape.Columns.Select(c =>
        {
            var text = Text(c);
            return $"ISNULL(N'v' + CONVERT(nvarchar(max), DATALENGTH({text})) + N':' + {text}, N'N')";
        });
        return $"CAST(SUBSTRING(HASHBYTES('SHA2_256', {string.Join(" + N',' + ", parts)}), 1, 8) AS bigint)";
    }

    /// <summary>
    /// <c>(k1, k2) op (@p, @q)</c> in row-value order, which T-SQL has no syntax for: <c>k1 &gt; @p OR (k1 = @p AND k2 &gt;= @q)</c>.
    /// </summary>
    private static string Tuple(CompareShape shape, IReadOnlyList<object?> values, Statement statement, string op)
    {
        var names = shape.Key.Select((c, i) => statement.Add(values[i], KeyParameterType(c))).ToList();
        var keys = shape.Key.Select(KeyExpression).ToList();
        if (op == "=")
        {
            return string.Join(" AND ", keys.Select((k, i) => $"{k} = {names[i]}"));
        }

        var strict = op[..1];
        var expression = $"{keys[^1]} {op} {names[^1]}";
        for (var i = keys.Count - 2; i >= 0; i--)
        {
            expression = $"{keys[i]} {strict} {names[i]} OR ({keys[i]} = {names[i]} AND ({expression}))";
        }

        return keys.Count == 1 ? expression : $"({expression})";
    }

    private static string Where(CompareShape shape, KeyRange range, Statement statement)
    {
        var (where, _) = RangePredicate.For(range, (values, _, op) => Tuple(shape, values, statement, op));
        return where;
    }

    private static async IAsyncEnumerable<object?[]> ReadAsync(DbConnection connection, DbTransaction? transaction, Statement statement, CompareShape shape, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, statement.Sql, shape.Timeout);
        foreach (var (name, value, type) in statement.Parameters)
        {
            command.Parameters.Add(SqlServerTypes.Typed(name, value, type));
        }

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
