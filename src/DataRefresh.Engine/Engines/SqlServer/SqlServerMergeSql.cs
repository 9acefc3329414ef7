using DataRefresh.Catalog;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// load_method: merge on SQL Server, as statements: a <c>#temp</c> table loaded by SqlBulkCopy (the ordinary copy),
/// then DELETE, UPDATE and INSERT against it, in the unit's transaction (run by <see cref="SqlServerMerge"/>).
/// Deliberately not <c>MERGE</c>: it needs HOLDLOCK to be safe against concurrent writers, has a long record of
/// wrong-result and assertion bugs (filtered indexes, indexed views, triggers, foreign keys; see Microsoft's
/// MERGE page and Aaron Bertrand's "Use caution with SQL Server's MERGE statement"), fires every trigger kind once
/// per statement with @@ROWCOUNT for the whole statement, and reports one count where the history records three.
/// Each data statement ends with <c>SELECT ROWCOUNT_BIG()</c>: the statement's own rows, past 2^31, where
/// ExecuteNonQuery would add in the rows a trigger without SET NOCOUNT ON writes (with fire_triggers: true; the
/// container test SqlServerMergeTests checks both counts).
/// </summary>
public static class SqlServerMergeSql
{
    /// <summary>The statement's rows, read by ExecuteScalar.</summary>
    private const string RowCount = "SELECT ROWCOUNT_BIG();";

    /// <summary>
    /// The staging table: SELECT TOP (0) … INTO takes each column's type, nullability, identity property and its
    /// own collation from the target (not tempdb's default, which is the server's and may differ from the
    /// database's: the pitfall COLLATE DATABASE_DEFAULT patches column by column). No rows, no constraints, no
    /// indexes. A #table lives until the session ends, so <see cref="DropStaging"/> drops it after the insert.
    /// </summary>
    public static string CreateStaging(QualifiedName table, string staging, IReadOnlyList<string> columns) =>
        $"SELECT TOP (0) {string.Join(", ", columns.Select(Quote))} INTO {Quote(staging)} FROM {Quote(table)}";

    public static string DeleteMissing(QualifiedName table, string staging, IReadOnlyList<string> key) =>
        $"DELETE t FROM {Quote(table)} AS t WHERE {Missing(staging, key)}; {RowCount}";

    public static string DropStaging(string staging) => $"DROP TABLE {Quote(staging)}";

    /// <summary>Target rows of a foreign key's table that reference a row DeleteMissing would remove.</summary>
    public static string CountBlocking(ForeignKeyInfo foreignKey, QualifiedName table, string staging, IReadOnlyList<string> key)
    {
        ArgumentNullException.ThrowIfNull(foreignKey);
        var references = string.Join(" AND ", foreignKey.FromColumns.Zip(foreignKey.ToColumns, (c, p) => $"c.{Quote(c)} = t.{Quote(p)}"));
        return $"SELECT COUNT_BIG(*) FROM {Quote(foreignKey.From)} AS c WHERE EXISTS (SELECT 1 FROM {Quote(table)} AS t WHERE {references} AND {Missing(staging, key)})";
    }

    /// <summary>
    /// Rows whose copied columns differ: EXISTS (SELECT t… EXCEPT SELECT s…) compares NULLs as equal values and
    /// works on every version (IS DISTINCT FROM needs 2022). Values compare as their bytes where equality is not
    /// identity: text and binary with DATALENGTH beside (= ignores case under _CI_ and trailing spaces), and
    /// xml, text, ntext, image, json, vector and spatial types (no equality at all); datetimeoffset adds its
    /// offset (= compares the instant) and sql_variant its base type. Identity columns cannot be updated and are
    /// not among the values. Null when nothing but the key is copied.
    /// </summary>
    public static string? UpdateChanged(QualifiedName table, string staging, IReadOnlyList<string> key, IReadOnlyList<(string Name, string DataType)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var set = string.Join(", ", values.Select(v => $"t.{Quote(v.Name)} = s.{Quote(v.Name)}"));
        return $"UPDATE t SET {set} FROM {Quote(table)} AS t INNER JOIN {Quote(staging)} AS s ON {Match(key)} "
            + $"WHERE EXISTS (SELECT {string.Join(", ", values.SelectMany(v => Comparable("t", v)))} EXCEPT SELECT {string.Join(", ", values.SelectMany(v => Comparable("s", v)))}); {RowCount}";
    }

    /// <summary>
    /// New keys. With an identity column among the copied ones its values are kept: IDENTITY_INSERT is a session
    /// setting, not transactional, and only one table of a session may have it, so it is switched off again
    /// whether the INSERT succeeds or fails.
    /// </summary>
    public static string InsertNew(QualifiedName table, string staging, IReadOnlyList<string> key, IReadOnlyList<string> columns, bool identityInsert)
    {
        var list = string.Join(", ", columns.Select(Quote));
        var insert = $"INSERT INTO {Quote(table)} ({list}) SELECT {string.Join(", ", columns.Select(c => "s." + Quote(c)))} FROM {Quote(staging)} AS s "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(table)} AS t WHERE {Match(key)});";
        return identityInsert
            ? $"""
              DECLARE @rows bigint;
              SET IDENTITY_INSERT {Quote(table)} ON;
              BEGIN TRY
                  {insert}
                  SET @rows = ROWCOUNT_BIG();
              END TRY
              BEGIN CATCH
                  SET IDENTITY_INSERT {Quote(table)} OFF;
                  THROW;
              END CATCH;
              SET IDENTITY_INSERT {Quote(table)} OFF;
              SELECT @rows;
              """
            : $"{insert} {RowCount}";
    }

    /// <summary>
    /// The table's enabled DML triggers (AFTER and INSTEAD OF). SqlBulkCopy fires none (FireTriggers is not set),
    /// but a reload's DELETE and a merge's statements fire them all.
    /// </summary>
    public const string EnabledTriggers = "SELECT name FROM sys.triggers WHERE parent_class = 1 AND parent_id = OBJECT_ID(@table) AND is_disabled = 0 AND is_ms_shipped = 0 ORDER BY name";

    /// <summary>The table's enabled INSTEAD OF triggers, one row per statement each replaces (INSERT, UPDATE, DELETE).</summary>
    public const string InsteadOfTriggers = """
        SELECT tr.name, te.type_desc
        FROM sys.triggers AS tr JOIN sys.trigger_events AS te ON te.object_id = tr.object_id
        WHERE tr.parent_class = 1 AND tr.parent_id = OBJECT_ID(@table) AND tr.is_instead_of_trigger = 1 AND tr.is_disabled = 0
        ORDER BY tr.name, te.type_desc
        """;

    /// <summary>DISABLE TRIGGER is transactional: a rollback, or a killed session, re-enables it. Needs ALTER on the table.</summary>
    public static string DisableTrigger(QualifiedName table, string trigger) => $"DISABLE TRIGGER {Quote(new QualifiedName(table.Schema, trigger))} ON {Quote(table)}";

    public static string EnableTrigger(QualifiedName table, string trigger) => $"ENABLE TRIGGER {Quote(new QualifiedName(table.Schema, trigger))} ON {Quote(table)}";

    private static string Match(IReadOnlyList<string> key) => string.Join(" AND ", key.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));

    private static string Missing(string staging, IReadOnlyList<string> key) => $"NOT EXISTS (SELECT 1 FROM {Quote(staging)} AS s WHERE {Match(key)})";

    private static IEnumerable<string> Comparable(string alias, (string Name, string DataType) column)
    {
        var name = $"{alias}.{Quote(column.Name)}";
        var type = column.DataType.ToLowerInvariant();
        bool Is(params string[] types) => types.Any(t => type == t || type.StartsWith(t + "(", StringComparison.Ordinal));
        if (Is("char", "varchar", "nchar", "nvarchar", "binary", "varbinary"))
        {
            yield return $"CAST({name} AS varbinary(max))";
            yield return $"DATALENGTH({name})";
        }
        else if (Is("xml", "ntext", "json", "vector"))
        {
            yield return $"CAST(CAST({name} AS nvarchar(max)) AS varbinary(max))";
        }
        else if (Is("text"))
        {
            yield return $"CAST(CAST({name} AS varchar(max)) AS varbinary(max))";
        }
        else if (Is("image", "geography", "geometry"))
        {
            yield return $"CAST({name} AS varbinary(max))";
        }
        else if (Is("datetimeoffset"))
        {
            yield return name;
            yield return $"DATEPART(tzoffset, {name})";
        }
        else if (Is("sql_variant"))
        {
            yield return name;
            yield return $"CAST(SQL_VARIANT_PROPERTY({name}, 'BaseType') AS nvarchar(128))";
        }
        else
        {
            yield return name;
        }
    }
}
