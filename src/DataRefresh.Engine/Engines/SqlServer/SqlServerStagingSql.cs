using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Execution;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// The T-SQL of staging_partition_switch on SQL Server, as pure functions of a <see cref="SqlServerLayout"/> read
/// from the catalog, so the syntax test can parse every statement with ScriptDom.
/// </summary>
public static class SqlServerStagingSql
{
    /// <summary>
    /// Every column (the column set too) with what SWITCH compares — type, collation, nullability, identity (and NOT
    /// FOR REPLICATION), computation, sparse, ROWGUIDCOL, the XML schema collection, ANSI_PADDING — and its DEFAULT,
    /// which simple_copy's bulk load applies to columns it does not copy. The last column flags a default bound with
    /// sp_bindefault, which staging cannot reproduce.
    /// </summary>
    public const string LayoutColumns = """
        SELECT c.name, c.column_id, ty.name, c.max_length, c.precision, c.scale, c.collation_name, c.is_nullable,
               CAST(ic.seed_value AS nvarchar(40)), CAST(ic.increment_value AS nvarchar(40)), cc.definition, CAST(ISNULL(cc.is_persisted, 0) AS bit), c.is_sparse,
               c.is_rowguidcol, c.is_column_set, SCHEMA_NAME(xsc.schema_id), xsc.name, c.is_xml_document, c.is_ansi_padded, dc.definition,
               CAST(ISNULL(ic.is_not_for_replication, 0) AS bit), CAST(CASE WHEN c.default_object_id <> 0 AND dc.object_id IS NULL THEN 1 ELSE 0 END AS bit)
        FROM sys.columns AS c
        JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
        LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
        LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
        LEFT JOIN sys.xml_schema_collections AS xsc ON xsc.xml_collection_id = c.xml_collection_id AND c.xml_collection_id <> 0
        LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id
        WHERE c.object_id = OBJECT_ID(@table)
        ORDER BY c.column_id
        """;

    /// <summary>Table options: large value types out of row, text in row, the LOB filegroup, FILESTREAM, memory-optimized, published.</summary>
    public const string LayoutTable = """
        SELECT t.large_value_types_out_of_row, t.text_in_row_limit, lob.name, CAST(CASE WHEN t.filestream_data_space_id IS NULL THEN 0 ELSE 1 END AS bit),
               t.is_memory_optimized, CAST(CASE WHEN t.is_replicated = 1 OR t.is_merge_published = 1 THEN 1 ELSE 0 END AS bit)
        FROM sys.tables AS t
        LEFT JOIN sys.data_spaces AS lob ON lob.data_space_id = t.lob_data_space_id
        WHERE t.object_id = OBJECT_ID(@table)
        """;

    /// <summary>Data compression of the heap (index 0) or clustered index (1) and of every other index, per partition.</summary>
    public const string LayoutCompression = """
        SELECT p.index_id, i.name, p.partition_number, p.data_compression_desc
        FROM sys.partitions AS p
        JOIN sys.indexes AS i ON i.object_id = p.object_id AND i.index_id = p.index_id
        WHERE p.object_id = OBJECT_ID(@table)
        ORDER BY p.index_id, p.partition_number
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

    /// <summary>Every CHECK constraint with its state: trusted, enabled, NOT FOR REPLICATION.</summary>
    public const string LayoutChecks = """
        SELECT name, definition, CAST(CASE WHEN is_not_trusted = 0 THEN 1 ELSE 0 END AS bit), CAST(CASE WHEN is_disabled = 0 THEN 1 ELSE 0 END AS bit), is_not_for_replication
        FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(@table) ORDER BY name
        """;

    /// <summary>Objects bound to the table's schema (indexed or schema-bound views, functions) stop SWITCH.</summary>
    public const string SchemaBoundDependents = """
        SELECT DISTINCT OBJECT_SCHEMA_NAME(d.referencing_id) + N'.' + OBJECT_NAME(d.referencing_id)
        FROM sys.sql_expression_dependencies AS d
        WHERE d.referenced_id = OBJECT_ID(@table) AND d.is_schema_bound_reference = 1
        """;

    /// <summary>Every staging table, and whether a session of the run that made it is still connected (always, without VIEW SERVER STATE).</summary>
    public static string StagingTables => $"""
        SELECT SCHEMA_NAME(t.schema_id), t.name,
               CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 0 THEN 1
                         WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions AS s WHERE s.program_name LIKE N'{RunTag.LabelPrefix}' + SUBSTRING(t.name, {RunTag.StagingShortIdStartSql}, {RunTag.ShortIdLengthSql}) + N'%' AND s.session_id <> @@SPID) THEN 1
                         ELSE 0 END AS bit)
        FROM sys.tables AS t
        WHERE t.name LIKE N'{RunTag.StagingLikePattern}' ESCAPE N'\'
        """;

    public const string PartitionRowsFrom = """
        SELECT ISNULL(SUM(p.rows), 0) FROM sys.partitions AS p
        WHERE p.object_id = OBJECT_ID(@table) AND p.index_id IN (0, 1) AND p.partition_number >= @first
        """;

    public static string PartitionOf(string function) => $"SELECT $PARTITION.{Quote(function)}(@bound)";

    /// <summary>The rows of one partition (of staging, read to be bulk-copied into the target's same partition).</summary>
    public static string InPartition(string function, string column, int partition) =>
        $"$PARTITION.{Quote(function)}({Quote(column)}) = {partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An XML column typed by a schema collection, as DDL declares it.</summary>
    public static string XmlType(QualifiedName collection, bool document) => $"xml({(document ? "DOCUMENT" : "CONTENT")} {Quote(collection)})";

    /// <summary>
    /// The table: columns as the target has them (defaults included, named after staging), on the same filegroup or
    /// partition scheme, the same LOB filegroup, the heap's data compression. Columns created with ANSI_PADDING OFF
    /// are created with it OFF (the session's setting is restored after).
    /// </summary>
    public static string CreateTable(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var columns = layout.Columns.Select((c, n) => Column(stage, c, n));
        var options = layout.TableOptions;
        var textImage = !layout.DataSpace.IsScheme && options.LobDataSpace is { } lob && layout.Columns.Any(IsLargeValue) ? $" TEXTIMAGE_ON {Quote(lob)}" : "";
        var compression = Compression(options.Compression, layout.DataSpace.IsScheme);
        var create = $"CREATE TABLE {Quote(stage)} ({string.Join(", ", columns)}) ON {DataSpace(layout.DataSpace)}{textImage}{(compression.Length > 0 ? $" WITH ({compression})" : "")}";
        return layout.Columns.Any(c => !c.AnsiPadded) ? $"SET ANSI_PADDING OFF;\n{create};\nSET ANSI_PADDING ON;" : create;
    }

    /// <summary>sp_tableoption settings SWITCH compares (text in row) or the stored rows depend on (large value types out of row).</summary>
    public static IEnumerable<string> TableOptions(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var options = layout.TableOptions;
        if (options.LargeValuesOutOfRow)
        {
            yield return TableOption(stage, "large value types out of row", "1");
        }

        if (options.TextInRowLimit > 0)
        {
            yield return TableOption(stage, "text in row", options.TextInRowLimit.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// DATA_COMPRESSION for an index or heap from its per-partition settings: nothing when none is compressed, one
    /// setting when all partitions agree, else one clause per kind with its partitions.
    /// </summary>
    public static string Compression(IReadOnlyList<string> partitions, bool partitioned)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        if (partitions.FirstOrDefault(p => p is not ("NONE" or "ROW" or "PAGE")) is { } other)
        {
            throw new ArgumentException($"data compression {other} is not one staging reproduces", nameof(partitions));
        }

        if (partitions.All(p => p == "NONE"))
        {
            return "";
        }

        if (!partitioned || partitions.Distinct().Count() == 1)
        {
            return $"DATA_COMPRESSION = {partitions[0]}";
        }

        return string.Join(", ", partitions.Select((p, i) => (Kind: p, Partition: i + 1)).Where(p => p.Kind != "NONE").GroupBy(p => p.Kind)
            .Select(g => $"DATA_COMPRESSION = {g.Key} ON PARTITIONS ({string.Join(", ", g.Select(p => p.Partition.ToString(CultureInfo.InvariantCulture)))})"));
    }

    /// <summary>After the rows are switched in: the target's statistics describe the old rows until they are rebuilt.</summary>
    public static string UpdateStatistics(QualifiedName table) => $"UPDATE STATISTICS {Quote(table)}";

    /// <summary>The clustered key goes on before the load: rows arrive in its order and load minimally logged into an empty table.</summary>
    public static IEnumerable<string> BeforeLoad(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Indexes.Where(i => i.Clustered).Select((i, n) => Index(stage, layout, i, n));
    }

    /// <summary>
    /// Nonclustered indexes and CHECK constraints are built after the load, each CHECK in the target's state: an
    /// enabled one is added WITH CHECK (the loaded rows are checked, as simple_copy's bulk load checks them), then made
    /// untrusted again if the target's is not trusted; a disabled one is added WITH NOCHECK and disabled; NOT FOR
    /// REPLICATION is kept (SQL Server never trusts such a constraint).
    /// </summary>
    public static IEnumerable<string> AfterLoad(QualifiedName stage, SqlServerLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var (index, n) in layout.Indexes.Where(i => !i.Clustered).Select((i, n) => (i, n + 1)))
        {
            yield return Index(stage, layout, index, n);
        }

        var table = Quote(stage);
        foreach (var (check, n) in layout.Checks.Select((c, n) => (c, n)))
        {
            var name = Quote(Name(stage, $"ck{n}"));
            yield return $"ALTER TABLE {table} WITH {(check.Enabled ? "CHECK" : "NOCHECK")} ADD CONSTRAINT {name} CHECK{(check.NotForReplication ? " NOT FOR REPLICATION" : "")} {check.Definition}";
            if (!check.Enabled || (!check.Trusted && !check.NotForReplication))
            {
                yield return $"ALTER TABLE {table} NOCHECK CONSTRAINT {name}";
            }

            if (check.Enabled && !check.Trusted && !check.NotForReplication)
            {
                yield return $"ALTER TABLE {table} WITH NOCHECK CHECK CONSTRAINT {name}";
            }
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

    private static string Column(QualifiedName stage, SqlServerColumn c, int n)
    {
        if (c.Computed is { } definition)
        {
            return $"{Quote(c.Name)} AS {definition}{(c.Persisted ? " PERSISTED" : "")}{(c.Persisted && !c.Nullable ? " NOT NULL" : "")}";
        }

        if (c.ColumnSet)
        {
            return $"{Quote(c.Name)} {c.Type} COLUMN_SET FOR ALL_SPARSE_COLUMNS";
        }

        var type = c.IsRowVersion ? "rowversion" : c.Type;
        var collation = c.Collation is { } co ? $" COLLATE {co}" : "";
        var fallback = c.Default is { } value ? $" CONSTRAINT {Quote(Name(stage, $"df{n.ToString(CultureInfo.InvariantCulture)}"))} DEFAULT {value}" : "";
        var identity = c.IdentitySeed is { } seed ? $" IDENTITY({seed}, {c.IdentityIncrement ?? "1"}){(c.NotForReplication ? " NOT FOR REPLICATION" : "")}" : "";
        return $"{Quote(c.Name)} {type}{collation}{(c.Sparse ? " SPARSE" : "")}{fallback}{identity}{(c.RowGuid ? " ROWGUIDCOL" : "")} {(c.Nullable ? "NULL" : "NOT NULL")}";
    }

    /// <summary>Types stored as LOBs, which TEXTIMAGE_ON places (TEXTIMAGE_ON is an error on a table without one).</summary>
    private static bool IsLargeValue(SqlServerColumn c) =>
        c.Computed is null && (c.Type.EndsWith("(max)", StringComparison.Ordinal) || c.Type.StartsWith("xml", StringComparison.Ordinal) || c.Type is "text" or "ntext" or "image");

    private static string TableOption(QualifiedName stage, string option, string value) =>
        $"EXEC sys.sp_tableoption @TableNamePattern = {Literal(Quote(stage))}, @OptionName = {Literal(option)}, @OptionValue = {Literal(value)}";

    private static string DataSpace(SqlServerDataSpace space) =>
        space.IsScheme ? $"{Quote(space.Name)}({Quote(space.PartitionColumn!)})" : Quote(space.Name);

    private static string Index(QualifiedName stage, SqlServerLayout layout, SqlServerIndex index, int n)
    {
        var keys = string.Join(", ", index.Keys.Select(k => $"{Quote(k.Column)} {(k.Descending ? "DESC" : "ASC")}"));
        var kind = index.Clustered ? "CLUSTERED" : "NONCLUSTERED";
        var compression = Compression(index.Compression ?? [], layout.DataSpace.IsScheme);
        var on = $"{(compression.Length > 0 ? $" WITH ({compression})" : "")} ON {DataSpace(layout.DataSpace)}";
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
