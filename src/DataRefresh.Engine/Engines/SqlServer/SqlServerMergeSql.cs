using DataRefresh.Catalog;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// load_method: merge on SQL Server, as statements: a <c>#temp</c> table loaded by SqlBulkCopy (the ordinary copy),
/// then DELETE, UPDATE and INSERT against it, in the unit's transaction. Deliberately not <c>MERGE</c>: it needs
/// HOLDLOCK to be safe against concurrent writers, has a long record of wrong-result and assertion bugs (filtered
/// indexes, indexed views, triggers), fires every trigger kind once per statement with @@ROWCOUNT for the whole
/// statement, and reports one count where the history records three. Not wired into the engine yet: these
/// statements are parsed by ScriptDom, but have not run against a server (the container suite is to).
/// </summary>
public static class SqlServerMergeSql
{
    /// <summary>The staging table: the copied columns' types, collations and identity property, no rows, no constraints.</summary>
    public static string CreateStaging(QualifiedName table, string staging, IReadOnlyList<string> columns) =>
        $"SELECT TOP (0) {string.Join(", ", columns.Select(Quote))} INTO {Quote(staging)} FROM {Quote(table)}";

    public static string DeleteMissing(QualifiedName table, string staging, IReadOnlyList<string> key) =>
        $"DELETE t FROM {Quote(table)} AS t WHERE {Missing(staging, key)}";

    /// <summary>Target rows of a foreign key's table that reference a row DeleteMissing would remove.</summary>
    public static string CountBlocking(ForeignKeyInfo foreignKey, QualifiedName table, string staging, IReadOnlyList<string> key)
    {
        ArgumentNullException.ThrowIfNull(foreignKey);
        var references = string.Join(" AND ", foreignKey.FromColumns.Zip(foreignKey.ToColumns, (c, p) => $"c.{Quote(c)} = t.{Quote(p)}"));
        return $"SELECT COUNT_BIG(*) FROM {Quote(foreignKey.From)} AS c WHERE EXISTS (SELECT 1 FROM {Quote(table)} AS t WHERE {references} AND {Missing(staging, key)})";
    }

    /// <summary>
    /// Rows whose copied columns differ: EXISTS (SELECT t… EXCEPT SELECT s…) treats NULLs as equal values (IS
    /// DISTINCT FROM); text compares under a binary collation and xml/text/ntext/image as their bytes, so a
    /// case-only change under a _CI_ collation is written too. Identity columns cannot be updated and are left out.
    /// Null when nothing but the key is copied.
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
            + $"WHERE EXISTS (SELECT {string.Join(", ", values.Select(v => Comparable("t", v)))} EXCEPT SELECT {string.Join(", ", values.Select(v => Comparable("s", v)))})";
    }

    /// <summary>New keys; with an identity column among the copied ones, its values are kept (IDENTITY_INSERT for this statement only).</summary>
    public static string InsertNew(QualifiedName table, string staging, IReadOnlyList<string> key, IReadOnlyList<string> columns, bool identityInsert)
    {
        var list = string.Join(", ", columns.Select(Quote));
        var insert = $"INSERT INTO {Quote(table)} ({list}) SELECT {string.Join(", ", columns.Select(c => "s." + Quote(c)))} FROM {Quote(staging)} AS s "
            + $"WHERE NOT EXISTS (SELECT 1 FROM {Quote(table)} AS t WHERE {Match(key)});";
        return identityInsert
            ? $"SET IDENTITY_INSERT {Quote(table)} ON; {insert} SET IDENTITY_INSERT {Quote(table)} OFF;"
            : insert;
    }

    /// <summary>The table's enabled DML triggers (the merge's statements would fire them; SqlBulkCopy does not).</summary>
    public const string EnabledTriggers = "SELECT name FROM sys.triggers WHERE parent_id = OBJECT_ID(@table) AND is_disabled = 0 AND is_ms_shipped = 0 ORDER BY name";

    /// <summary>DISABLE TRIGGER is transactional: a rollback re-enables it.</summary>
    public static string DisableTrigger(QualifiedName table, string trigger) => $"DISABLE TRIGGER {Quote(new QualifiedName(table.Schema, trigger))} ON {Quote(table)}";

    public static string EnableTrigger(QualifiedName table, string trigger) => $"ENABLE TRIGGER {Quote(new QualifiedName(table.Schema, trigger))} ON {Quote(table)}";

    private static string Match(IReadOnlyList<string> key) => string.Join(" AND ", key.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"));

    private static string Missing(string staging, IReadOnlyList<string> key) => $"NOT EXISTS (SELECT 1 FROM {Quote(staging)} AS s WHERE {Match(key)})";

    private static string Comparable(string alias, (string Name, string DataType) column)
    {
        var name = $"{alias}.{Quote(column.Name)}";
        var type = column.DataType.ToLowerInvariant();
        return type switch
        {
            "xml" or "ntext" => $"CAST(CAST({name} AS nvarchar(max)) AS varbinary(max))",
            "text" => $"CAST(CAST({name} AS varchar(max)) AS varbinary(max))",
            "image" or "geography" or "geometry" => $"CAST({name} AS varbinary(max))",
            _ when type.StartsWith("char", StringComparison.Ordinal) || type.StartsWith("varchar", StringComparison.Ordinal)
                || type.StartsWith("nchar", StringComparison.Ordinal) || type.StartsWith("nvarchar", StringComparison.Ordinal) => $"{name} COLLATE Latin1_General_BIN2",
            _ => name,
        };
    }
}
