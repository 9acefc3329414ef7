using System.Globalization;
using DataRefresh.Catalog;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// The T-SQL of staging_partition_switch on SQL Server, as pure functions of a <see cref="SqlServerLayout"/> read
/// from the catalog, so the syntax test can parse every statement with ScriptDom.
/// </summary>
public static class SqlServerStagingSql
{
    public const string LayoutColumns = """
        SELECT c.name, c.column_id, ty.name, c.max_length, c.precision, c.scale, c.collation_name, c.is_nullable,
               CAST(ic.seed_value AS nvarchar(40)), CAST(ic.increment_value AS nvarchar(40)), cc.definition, CAST(ISNULL(cc.is_persisted, 0) AS bit), c.is_sparse
        FROM sys.columns AS c
        JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
        LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
        LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
        WHERE c.object_id = OBJECT_ID(@table) AND c.is_column_set = 0
        ORDER BY c.column_id
        """;

    public const string LayoutDataSpace = """
        SELECT ds.name, CAST(CASE WHEN ds.type = 'PS' THEN 1 ELSE 0 END AS bit), pc.name, pf.name, CAST(ISNULL(pf.boundary_value_on_right, 0) AS bit)
        FROM sys.indexes AS i
        JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
        LEFT JOIN sys.partition_schemes AS ps ON ps.data_space_id = ds.data_space_id
        LEFT JOIN sys.partition_functions AS pf ON pf.function_id = ps.function_id
        LEFT JOIN sys.index_columns AS ixc ON ixc.object_id = i.object_id AND ixc.index_id = i.index_id AND ixc.partition_ordinal = 1
        LEFT JOIN sys.columns AS pc ON pc.object_id = ixc.object_id AND pc.column_id = ixc.column_id
        WHERE i.object_id = OBJECT_ID(@table) AND i.index_id IN (0, 1)
        """;

    public const string LayoutBoundaries = """
        SELECT rv.value
        FROM sys.partition_functions AS pf JOIN sys.partition_range_values AS rv ON rv.function_id = pf.function_id
        WHERE pf.name = @function
        ORDER BY rv.boundary_id
        """;

    public const string LayoutIndexes = """
        SELECT i.name, CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit), i.is_unique, i.is_primary_key, i.is_unique_constraint, i.filter_definition,
               c.name, ic.is_descending_key, ic.is_included_column, i.type, CAST(CASE WHEN i.data_space_id = t.data_space_id THEN 1 ELSE 0 END AS bit)
        FROM sys.indexes AS i
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        JOIN sys.indexes AS t ON t.object_id = i.object_id AND t.index_id IN (0, 1)
        WHERE i.object_id = OBJECT_ID(@table) AND i.index_id > 0 AND (ic.key_ordinal > 0 OR ic.is_included_column = 1)
        ORDER BY i.index_id, ic.is_included_column, ic.key_ordinal, ic.index_column_id
        """;

    public const string LayoutChecks = "SELECT name, definition FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(@table) AND is_disabled = 0 ORDER BY name";

    /// <summary>Objects bound to the table's schema (indexed or schema-bound views, functions) stop SWITCH.</summary>
    public const string SchemaBoundDependents = """
        SELECT DISTINCT OBJECT_SCHEMA_NAME(d.referencing_id) + N'.' + OBJECT_NAME(d.referencing_id)
        FROM sys.sql_expression_dependencies AS d
        WHERE d.referenced_id = OBJECT_ID(@table) AND d.is_schema_bound_reference = 1
        """;

    public const string StagingTables = """
        SELECT SCHEMA_NAME(t.schema_id), t.name,
               CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 0 THEN 1
                         WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions AS s WHERE s.program_name LIKE N'DataRefresh run ' + SUBSTRING(t.name, 11, 8) + N'%' AND s.session_id <> @@SPID) THEN 1
                         ELSE 0 END AS bit)
        FROM sys.tables AS t
        WHERE t.name LIKE N'\_dr\_stage\_%' ESCAPE N'\'
        """;

    public const string PartitionRowsFrom = """
        SELECT ISNULL(SUM(p.rows), 0) FROM sys.partitions AS p
        WHERE p.object_id = OBJECT_ID(@table) AND p.index_id IN (0, 1) AND p.partition_number >= @first
        """;

    public static string PartitionOf(string function) => $"SELECT $PARTITION.{Quote(function)}(@bound)";

    /// <summary>The rows of one partition (of staging, read to be bulk-copied into the target's same partition).</summary>
    public static string InPartition(string function, string column, int partition) =>
        $"$PARTITION.{Quote(function)}({Quote(column)}) = {partition.ToString(CultureInfo.InvariantCulture)}";

    public static string CreateTable(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var columns = layout.Columns.Select(Column);
        return $"CREATE TABLE {Quote(stage)} ({string.Join(", ", columns)}) ON {DataSpace(layout.DataSpace)}";
    }

    /// <summary>The clustered key goes on before the load: rows arrive in its order and load minimally logged into an empty table.</summary>
    public static IEnumerable<string> BeforeLoad(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Indexes.Where(i => i.Clustered).Select((i, n) => Index(stage, layout, i, n));
    }

    /// <summary>Nonclustered indexes and CHECK constraints (WITH CHECK, so they are trusted) are built after the load.</summary>
    public static IEnumerable<string> AfterLoad(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var (index, n) in layout.Indexes.Where(i => !i.Clustered).Select((i, n) => (i, n + 1)))
        {
            yield return Index(stage, layout, index, n);
        }

        foreach (var (check, n) in layout.Checks.Select((c, n) => (c, n)))
        {
            yield return $"ALTER TABLE {Quote(stage)} WITH CHECK ADD CONSTRAINT {Quote(Name(stage, $"ck{n}"))} CHECK {check.Definition}";
        }
    }

    public static string SetLockTimeout(TimeSpan timeout) => $"SET LOCK_TIMEOUT {(long)timeout.TotalMilliseconds}";

    /// <summary>
    /// SET LOCK_TIMEOUT lasts for the session, not the transaction: back to the default (wait) once the swap is done,
    /// so the watermark read after commit cannot fail on the swap's short limit.
    /// </summary>
    public const string ResetLockTimeout = "SET LOCK_TIMEOUT -1";

    public static string SwitchTable(QualifiedName from, QualifiedName to, TimeSpan wait) =>
        $"ALTER TABLE {Quote(from)} SWITCH TO {Quote(to)} WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = {Minutes(wait)} MINUTES, ABORT_AFTER_WAIT = SELF))";

    public static string TruncatePartitions(QualifiedName table, int first, int last) =>
        $"TRUNCATE TABLE {Quote(table)} WITH (PARTITIONS ({first.ToString(CultureInfo.InvariantCulture)}{(last > first ? $" TO {last.ToString(CultureInfo.InvariantCulture)}" : "")}))";

    public static string SwitchPartition(QualifiedName from, QualifiedName to, int partition, TimeSpan wait)
    {
        var n = partition.ToString(CultureInfo.InvariantCulture);
        return $"ALTER TABLE {Quote(from)} SWITCH PARTITION {n} TO {Quote(to)} PARTITION {n} WITH (WAIT_AT_LOW_PRIORITY (MAX_DURATION = {Minutes(wait)} MINUTES, ABORT_AFTER_WAIT = SELF))";
    }

    public static string Drop(QualifiedName table) => $"DROP TABLE IF EXISTS {Quote(table)}";

    /// <summary>Staging objects' constraint names are schema-scoped: derive them from the staging table's own name.</summary>
    public static string Name(QualifiedName stage, string suffix)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var name = $"{stage.Name}_{suffix}";
        return name.Length <= MaxIdentifierLength ? name : name[..(MaxIdentifierLength - suffix.Length - 1)] + "_" + suffix;
    }

    private static string Column(SqlServerColumn c)
    {
        if (c.Computed is { } definition)
        {
            return $"{Quote(c.Name)} AS {definition}{(c.Persisted ? " PERSISTED" : "")}{(c.Persisted && !c.Nullable ? " NOT NULL" : "")}";
        }

        var type = c.IsRowVersion ? "rowversion" : c.Type;
        var collation = c.Collation is { } co ? $" COLLATE {co}" : "";
        var identity = c.IdentitySeed is { } seed ? $" IDENTITY({seed}, {c.IdentityIncrement ?? "1"})" : "";
        return $"{Quote(c.Name)} {type}{(c.Sparse ? " SPARSE" : "")}{collation}{identity} {(c.Nullable ? "NULL" : "NOT NULL")}";
    }

    private static string DataSpace(SqlServerDataSpace space) =>
        space.IsScheme ? $"{Quote(space.Name)}({Quote(space.PartitionColumn!)})" : Quote(space.Name);

    private static string Index(QualifiedName stage, SqlServerLayout layout, SqlServerIndex index, int n)
    {
        var keys = string.Join(", ", index.Keys.Select(k => $"{Quote(k.Column)} {(k.Descending ? "DESC" : "ASC")}"));
        var kind = index.Clustered ? "CLUSTERED" : "NONCLUSTERED";
        var on = $" ON {DataSpace(layout.DataSpace)}";
        if (index.PrimaryKey || index.UniqueConstraint)
        {
            var constraint = Name(stage, index.PrimaryKey ? "pk" : $"uq{n}");
            return $"ALTER TABLE {Quote(stage)} ADD CONSTRAINT {Quote(constraint)} {(index.PrimaryKey ? "PRIMARY KEY" : "UNIQUE")} {kind} ({keys}){on}";
        }

        var include = index.Includes.Count > 0 ? $" INCLUDE ({string.Join(", ", index.Includes.Select(Quote))})" : "";
        var filter = index.Filter is { } f ? $" WHERE {f}" : "";
        return $"CREATE {(index.Unique ? "UNIQUE " : "")}{kind} INDEX {Quote(index.Name)} ON {Quote(stage)} ({keys}){include}{filter}{on}";
    }

    private static string Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
}
