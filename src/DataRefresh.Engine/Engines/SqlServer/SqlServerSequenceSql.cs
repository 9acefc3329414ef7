using DataRefresh.Catalog;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// The T-SQL that finds the sequences a table draws from and moves them (and IDENTITY counters) after a load.
/// Pure functions of names, parsed by the ScriptDom statement tests like every other statement. ALTER SEQUENCE …
/// RESTART WITH and DBCC CHECKIDENT … RESEED take a constant, so the value is computed in T-SQL and spliced into a
/// statement run by sp_executesql: it is a numeric(38,0) converted to text (digits and a sign only), and the names
/// in it are bracket-quoted and then quoted again as a string literal.
/// </summary>
public static class SqlServerSequenceSql
{
    /// <summary>
    /// Sequences named by a DEFAULT (NEXT VALUE FOR …) of a column of @table, and every column of every table whose
    /// default names one of them. Only whole-number columns (a default that formats the number into text has no
    /// MAX to compare), and not a refresh's staging tables, which come and go.
    /// </summary>
    public const string SequenceUsers = """
        WITH used AS (
            SELECT d.referenced_id AS sequence_id, dc.parent_object_id AS table_id, dc.parent_column_id AS column_id
            FROM sys.default_constraints AS dc
            JOIN sys.sql_expression_dependencies AS d ON d.referencing_id = dc.object_id
            JOIN sys.sequences AS s ON s.object_id = d.referenced_id
        )
        SELECT DISTINCT SCHEMA_NAME(s.schema_id) AS sequence_schema, s.name AS sequence_name, SCHEMA_NAME(t.schema_id) AS table_schema, t.name AS table_name, c.name AS column_name
        FROM used AS u
        JOIN sys.sequences AS s ON s.object_id = u.sequence_id
        JOIN sys.tables AS t ON t.object_id = u.table_id AND t.name NOT LIKE N'\_dr\_stage\_%' ESCAPE N'\'
        JOIN sys.columns AS c ON c.object_id = u.table_id AND c.column_id = u.column_id
        WHERE u.sequence_id IN (SELECT m.sequence_id FROM used AS m WHERE m.table_id = OBJECT_ID(@table))
          AND TYPE_NAME(c.system_type_id) IN (N'tinyint', N'smallint', N'int', N'bigint', N'decimal', N'numeric')
        ORDER BY sequence_schema, sequence_name, table_schema, table_name, column_name
        """;

    /// <summary>
    /// How an IDENTITY stands: its increment, its current value, and whether it is "fresh" — no row inserted since
    /// the table was created or truncated (sys.identity_columns.last_value IS NULL). A fresh identity hands out its
    /// current value itself next, and RESEED n makes the next value n; otherwise the next value is current +
    /// increment, and RESEED n makes it n + increment.
    /// </summary>
    private const string IdentityState = """
        DECLARE @increment numeric(38,0) = IDENT_INCR(@table), @current numeric(38,0) = IDENT_CURRENT(@table), @fresh bit;
        SELECT @fresh = CASE WHEN ic.last_value IS NULL THEN 1 ELSE 0 END FROM sys.identity_columns AS ic WHERE ic.object_id = OBJECT_ID(@table);
        """;

    /// <summary>The statement sp_executesql runs to reseed, up to the value; <see cref="ReseedEnd"/> follows the value.</summary>
    public static string ReseedStart(QualifiedName table) => $"DBCC CHECKIDENT ({Literal(Quote(table))}, RESEED, ";

    public const string ReseedEnd = ") WITH NO_INFOMSGS";

    /// <summary>The statement sp_executesql runs to restart a sequence, up to the value.</summary>
    public static string RestartStart(QualifiedName sequence) => $"ALTER SEQUENCE {Quote(sequence)} RESTART WITH ";

    private static string ReseedTo(QualifiedName table, string value) =>
        $"DECLARE @reseed nvarchar(max) = {Literal(ReseedStart(table))} + CONVERT(nvarchar(40), {value}) + {Literal(ReseedEnd)}; EXEC sys.sp_executesql @reseed;";

    /// <summary>
    /// TRUNCATE puts an IDENTITY back to its seed, so the values UAT handed out would be handed out again: note
    /// where it stood and put it back there (the table is fresh after TRUNCATE, so RESEED n makes n the next value).
    /// A table without an IDENTITY has no increment, and nothing is reseeded. Returns nothing.
    /// </summary>
    public static string TruncateKeepingIdentity(QualifiedName table) =>
        $"""
        {IdentityState}
        DECLARE @next numeric(38,0) = CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END;
        TRUNCATE TABLE {Quote(table)};
        IF @next <> IDENT_SEED(@table)
        BEGIN
            {ReseedTo(table, "@next")}
        END;
        """;

    /// <summary>
    /// After a load: the next identity value must follow the largest value in the column (the smallest, for a
    /// negative increment). Never backwards: an identity already further, or an empty table, is left alone.
    /// Returns 1 when it moved, 0 when not.
    /// </summary>
    public static string AdvanceIdentity(QualifiedName table, string column) =>
        $"""
        {IdentityState}
        DECLARE @edge numeric(38,0), @next numeric(38,0);
        SELECT @edge = CONVERT(numeric(38,0), CASE WHEN @increment > 0 THEN MAX({Quote(column)}) ELSE MIN({Quote(column)}) END) FROM {Quote(table)};
        SET @next = @edge + @increment;
        IF SIGN(@increment) * (@next - CASE WHEN @fresh = 1 THEN @current ELSE @current + @increment END) > 0
        BEGIN
            SET @edge = CASE WHEN @fresh = 1 THEN @next ELSE @edge END;
            {ReseedTo(table, "@edge")}
            SELECT CAST(1 AS bit);
        END
        ELSE
            SELECT CAST(0 AS bit);
        """;

    /// <summary>
    /// After a load: the sequence's next value must follow the largest value of every column drawing from it (the
    /// smallest, counting down), within its MINVALUE/MAXVALUE. current_value is the last value handed out, or START
    /// for a sequence never used (which then hands out current_value itself): comparing with it can only err towards
    /// moving, never backwards. RESTART WITH n makes n the next value. Returns 1 when it moved, 0 when not.
    /// </summary>
    public static string AdvanceSequence(QualifiedName sequence, IReadOnlyList<SequenceUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var loaded = string.Join(
            "\n        UNION ALL ",
            users.Select(u => $"SELECT CONVERT(numeric(38,0), CEILING(MAX({Quote(u.Column)}))) AS hi, CONVERT(numeric(38,0), FLOOR(MIN({Quote(u.Column)}))) AS lo FROM {Quote(u.Table)}"));
        return $"""
            DECLARE @increment numeric(38,0), @current numeric(38,0), @minimum numeric(38,0), @maximum numeric(38,0), @next numeric(38,0);
            SELECT @increment = CONVERT(numeric(38,0), s.increment), @current = CONVERT(numeric(38,0), s.current_value),
                   @minimum = CONVERT(numeric(38,0), s.minimum_value), @maximum = CONVERT(numeric(38,0), s.maximum_value)
            FROM sys.sequences AS s WHERE s.object_id = OBJECT_ID(@sequence);
            SELECT @next = CASE WHEN @increment > 0 THEN MAX(u.hi) ELSE MIN(u.lo) END + @increment
            FROM ({loaded}) AS u;
            SET @next = CASE WHEN @next > @maximum THEN @maximum WHEN @next < @minimum THEN @minimum ELSE @next END;
            IF SIGN(@increment) * (@next - @current) > 0
            BEGIN
                DECLARE @restart nvarchar(max) = {Literal(RestartStart(sequence))} + CONVERT(nvarchar(40), @next);
                EXEC sys.sp_executesql @restart;
                SELECT CAST(1 AS bit);
            END
            ELSE
                SELECT CAST(0 AS bit);
            """;
    }
}
