using System.Globalization;
using DataRefresh.Catalog;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// Every T-SQL statement the SQL Server dialect sends, as pure functions of names and shapes, so that a test can
/// generate them all and parse each one with Microsoft's own parser. Values always travel as parameters; names are
/// bracket-quoted here and nowhere else.
/// </summary>
public static class SqlServerSql
{
    /// <summary>sysname is nvarchar(128); QUOTENAME would silently return NULL past that, so refuse instead.</summary>
    public const int MaxIdentifierLength = 128;

    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length is 0 or > MaxIdentifierLength)
        {
            throw new ArgumentException($"'{identifier}' is not a SQL Server identifier: names are 1 to {MaxIdentifierLength} characters", nameof(identifier));
        }

        return "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";
    }

    public static string Quote(QualifiedName table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{Quote(table.Schema)}.{Quote(table.Name)}";
    }

    /// <summary>An nvarchar literal, for the few places T-SQL takes no parameter (DBCC).</summary>
    public static string Literal(string text) => "N'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Operator(FilterOperator op) => op == FilterOperator.Greater ? ">" : ">=";

    /// <summary>
    /// The server's current name (SERVERPROPERTY('ServerName') follows the host; @@SERVERNAME keeps the name the
    /// instance was installed under, so a cloned host reports production's), the database, and the database's
    /// availability-group id: every replica of one AG database has the same group_database_id. The connected
    /// database's own row of sys.databases is visible to any login.
    /// </summary>
    public const string Identify = """
        SELECT CAST(SERVERPROPERTY('ServerName') AS nvarchar(256)), CAST(DB_NAME() AS nvarchar(256)),
               (SELECT CAST(d.group_database_id AS nvarchar(36)) FROM sys.databases AS d WHERE d.database_id = DB_ID())
        """;

    public const string SnapshotAllowed = "SELECT CAST(CASE WHEN snapshot_isolation_state = 1 THEN 1 ELSE 0 END AS bit) FROM sys.databases WHERE database_id = DB_ID()";

    /// <summary>
    /// Every table with its search order (default schema, dbo, any other) and whether SQL Server ships it: names
    /// are matched in C#, so a binary or case-sensitive collation's LOWER() decides nothing.
    /// </summary>
    public const string CatalogTables = """
        SELECT s.name, t.name, CASE WHEN s.name = SCHEMA_NAME() THEN 0 WHEN s.name = N'dbo' THEN 1 ELSE 2 END AS search_order,
               CAST(CASE WHEN t.is_ms_shipped = 1 OR s.name IN (N'sys', N'INFORMATION_SCHEMA') THEN 1 ELSE 0 END AS bit) AS is_system
        FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
        """;

    public const string Columns = """
        SELECT c.name, c.column_id, ty.name AS type_name, c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity,
               c.is_computed, c.collation_name, c.generated_always_type, c.is_column_set, CAST(ty.is_user_defined AS bit) AS is_user_defined,
               CAST(COLLATIONPROPERTY(c.collation_name, 'CodePage') AS int) AS code_page, CAST(COLLATIONPROPERTY(c.collation_name, 'LCID') AS int) AS lcid
        FROM sys.columns AS c
        JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
        WHERE c.object_id = OBJECT_ID(@table)
        ORDER BY c.column_id
        """;

    /// <summary>
    /// Temporal, partitioned, and what makes SQL Server refuse TRUNCATE TABLE (see <see cref="TruncateObstacle"/>):
    /// an indexed view on the table, change data capture, transactional or merge publication, memory optimization,
    /// an edge constraint referencing it. sys.edge_constraint_clauses exists from SQL Server 2019 only, so it is
    /// read through sp_executesql when it exists.
    /// </summary>
    public const string TableFacts = """
        DECLARE @edge nvarchar(300);
        IF OBJECT_ID(N'sys.edge_constraint_clauses') IS NOT NULL
            EXEC sys.sp_executesql
                N'SELECT TOP (1) @edge = OBJECT_SCHEMA_NAME(ecc.object_id) + N''.'' + OBJECT_NAME(ecc.object_id) FROM sys.edge_constraint_clauses AS ecc WHERE ecc.from_object_id = OBJECT_ID(@table) OR ecc.to_object_id = OBJECT_ID(@table)',
                N'@table nvarchar(776), @edge nvarchar(300) OUTPUT', @table = @table, @edge = @edge OUTPUT;
        SELECT CAST(CASE WHEN t.temporal_type = 2 THEN 1 ELSE 0 END AS bit),
               CAST(CASE WHEN ds.type = 'PS' THEN 1 ELSE 0 END AS bit),
               (SELECT TOP (1) OBJECT_SCHEMA_NAME(d.referencing_id) + N'.' + OBJECT_NAME(d.referencing_id)
                FROM sys.sql_expression_dependencies AS d
                JOIN sys.views AS v ON v.object_id = d.referencing_id
                JOIN sys.indexes AS vi ON vi.object_id = v.object_id AND vi.index_id = 1
                WHERE d.referenced_id = t.object_id AND d.is_schema_bound_reference = 1),
               t.is_tracked_by_cdc,
               CAST(CASE WHEN t.is_replicated = 1 OR t.is_merge_published = 1 THEN 1 ELSE 0 END AS bit),
               t.is_memory_optimized,
               @edge
        FROM sys.tables AS t
        LEFT JOIN sys.indexes AS i ON i.object_id = t.object_id AND i.index_id IN (0, 1)
        LEFT JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
        WHERE t.object_id = OBJECT_ID(@table)
        """;

    /// <summary>
    /// Why TRUNCATE TABLE is refused on a table, from <see cref="TableFacts"/> (foreign keys and system versioning are
    /// decided engine-neutrally, in <see cref="Planning.TruncateRules"/>); null when nothing here stops it.
    /// </summary>
    public static string? TruncateObstacle(string? indexedView, bool changeDataCapture, bool replicated, bool memoryOptimized, string? edgeConstraint)
    {
        var reasons = new List<string>();
        if (indexedView is not null)
        {
            reasons.Add($"indexed view {indexedView} is built on the table");
        }

        if (changeDataCapture)
        {
            reasons.Add("the table is enabled for change data capture");
        }

        if (replicated)
        {
            reasons.Add("the table is published for replication");
        }

        if (memoryOptimized)
        {
            reasons.Add("the table is memory-optimized (DELETE in the refresh transaction needs the database option MEMORY_OPTIMIZED_ELEVATE_TO_SNAPSHOT = ON)");
        }

        if (edgeConstraint is not null)
        {
            reasons.Add($"edge constraint {edgeConstraint} references the table");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    public const string KeyColumns = """
        SELECT CAST(i.is_primary_key AS bit), CAST(CASE WHEN i.type = 1 THEN 1 ELSE 0 END AS bit), c.name
        FROM sys.indexes AS i
        JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
        JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE i.object_id = OBJECT_ID(@table) AND (i.is_primary_key = 1 OR i.type = 1)
        ORDER BY i.index_id, ic.key_ordinal
        """;

    public const string ForeignKeys = """
        SELECT fk.name, SCHEMA_NAME(cp.schema_id), cp.name, pc.name, SCHEMA_NAME(rp.schema_id), rp.name, rc.name,
               fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_disabled, fk.is_not_trusted
        FROM sys.foreign_keys AS fk
        JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
        JOIN sys.tables AS cp ON cp.object_id = fk.parent_object_id
        JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
        JOIN sys.tables AS rp ON rp.object_id = fk.referenced_object_id
        JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
        WHERE fk.parent_object_id = OBJECT_ID(@table) OR fk.referenced_object_id = OBJECT_ID(@table)
        ORDER BY fk.name, fkc.constraint_column_id
        """;

    public const string PartitionRows = "SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(@table) AND p.index_id IN (0, 1)";

    /// <summary><see cref="PartitionRows"/> for <paramref name="count"/> tables in one statement: row i is @t{i}'s (NULL: no such table).</summary>
    public static string PartitionRowsOf(int count) =>
        "SELECT n.i, (SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(n.name) AND p.index_id IN (0, 1)) FROM (VALUES "
        + string.Join(", ", Enumerable.Range(0, count).Select(i => $"({i.ToString(CultureInfo.InvariantCulture)}, @t{i.ToString(CultureInfo.InvariantCulture)})")) + ") AS n(i, name)";

    public static string Max(QualifiedName table, string column) => $"SELECT MAX({Quote(column)}) FROM {Quote(table)}";

    public static string HasRows(QualifiedName table) => $"SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM {Quote(table)}) THEN 1 ELSE 0 END AS bit)";

    public static string Count(QualifiedName table, RowFilter? filter) => $"SELECT COUNT_BIG(*) FROM {Quote(table)}{Where(filter)}";

    public static string Where(RowFilter? filter) => filter is null ? "" : $" WHERE {Quote(filter.Column)} {Operator(filter.Operator)} @bound";

    /// <summary>The source read: columns by name, the filter, and an order when rows are capped or the target is clustered.</summary>
    /// <param name="predicate">An extra condition the engine built from catalog facts (a partition number), never user text.</param>
    /// <param name="reads">Columns read in the target's collation (see <see cref="SqlServerTypes.Collation"/>); the others are read as they are.</param>
    public static string Select(QualifiedName table, IReadOnlyList<string> columns, RowFilter? filter, long? rowLimit, IReadOnlyList<string> orderBy, string? predicate = null, IReadOnlyDictionary<string, ColumnRead>? reads = null)
    {
        var top = rowLimit is { } limit ? $"TOP ({limit.ToString(CultureInfo.InvariantCulture)}) " : "";
        var order = orderBy.Count > 0 ? " ORDER BY " + string.Join(", ", orderBy.Select(Quote)) : "";
        var and = predicate is null ? "" : $"{(filter is null ? " WHERE " : " AND ")}{predicate}";
        var list = columns.Select(c => reads is not null && reads.TryGetValue(c, out var read) ? Read(c, read) : Quote(c));
        return $"SELECT {top}{string.Join(", ", list)} FROM {Quote(table)}{Where(filter)}{and}{order}";
    }

    /// <summary>
    /// A preview page: <c>TOP (@limit)</c> rows in key order, after the key <c>@k0</c>, <c>@k1</c>, … when
    /// <paramref name="after"/> (written out as (k0 &gt; @k0) OR (k0 = @k0 AND k1 &gt; @k1) …: T-SQL has no row values).
    /// </summary>
    public static string PreviewPage(QualifiedName table, IReadOnlyList<string> columns, IReadOnlyList<string> key, bool after)
    {
        ArgumentNullException.ThrowIfNull(key);
        var where = "";
        if (after && key.Count > 0)
        {
            var terms = new List<string>();
            for (var i = 0; i < key.Count; i++)
            {
                var equal = Enumerable.Range(0, i).Select(j => $"{Quote(key[j])} = @k{j.ToString(CultureInfo.InvariantCulture)} AND ");
                terms.Add($"({string.Concat(equal)}{Quote(key[i])} > @k{i.ToString(CultureInfo.InvariantCulture)})");
            }

            where = " WHERE " + string.Join(" OR ", terms);
        }

        var order = key.Count > 0 ? " ORDER BY " + string.Join(", ", key.Select(Quote)) : "";
        return $"SELECT TOP (@limit) {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)}{where}{order}";
    }

    /// <summary>One column read in another collation, under its own name: <c>[c] COLLATE X AS [c]</c> or <c>CAST([c] AS nvarchar(n)) COLLATE X AS [c]</c>.</summary>
    public static string Read(string column, ColumnRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var value = read.AsType is { } type ? $"CAST({Quote(column)} AS {CastType(type)})" : Quote(column);
        return $"{value} COLLATE {CollationName(read.Collation)} AS {Quote(column)}";
    }

    /// <summary>A collation name, which T-SQL takes as a bare word (no brackets): letters, digits and underscores only.</summary>
    public static string CollationName(string collation)
    {
        ArgumentNullException.ThrowIfNull(collation);
        if (collation.Length is 0 or > MaxIdentifierLength || !collation.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{collation}' is not a SQL Server collation name", nameof(collation));
        }

        return collation;
    }

    /// <summary>The only casts a source read makes: to nvarchar(n) or nvarchar(max).</summary>
    private static string CastType(string type) =>
        type == "nvarchar(max)" || (type.StartsWith("nvarchar(", StringComparison.Ordinal) && type.EndsWith(')') && type.Length > 10 && type[9..^1].All(char.IsAsciiDigit))
            ? type
            : throw new ArgumentException($"'{type}' is not a type a source column is cast to", nameof(type));

    public static string Truncate(QualifiedName table) => $"TRUNCATE TABLE {Quote(table)}";

    /// <summary>
    /// The enabled nonclustered rowstore indexes a TRUNCATE reload disables for the load and rebuilds after it: not a
    /// primary key or unique constraint, none a foreign key references (disabling it would disable the key), and
    /// only when the login may ALTER the table. A clustered index is never disabled (that would make the table unreadable).
    /// </summary>
    public const string IndexesToDisable = """
        SELECT i.name FROM sys.indexes AS i
        WHERE i.object_id = OBJECT_ID(@table) AND i.type = 2 AND i.is_disabled = 0 AND i.is_hypothetical = 0
          AND i.is_primary_key = 0 AND i.is_unique_constraint = 0
          AND NOT EXISTS (SELECT 1 FROM sys.foreign_keys AS fk WHERE fk.referenced_object_id = i.object_id AND fk.key_index_id = i.index_id)
          AND HAS_PERMS_BY_NAME(@table, 'OBJECT', 'ALTER') = 1
        ORDER BY i.index_id
        """;

    /// <summary>A nonclustered index disabled for the load: its rows are dropped, its definition kept.</summary>
    public static string DisableIndex(QualifiedName table, string index) => $"ALTER INDEX {Quote(index)} ON {Quote(table)} DISABLE";

    /// <summary>A disabled index built again from its kept definition, in one sorted pass over the loaded table.</summary>
    public static string RebuildIndex(QualifiedName table, string index) => $"ALTER INDEX {Quote(index)} ON {Quote(table)} REBUILD";

    public static string DeleteAll(QualifiedName table) => $"DELETE FROM {Quote(table)}";

    public static string Delete(QualifiedName table, RowFilter filter) => $"DELETE FROM {Quote(table)}{Where(filter)}";

    /// <summary>Lock the table against other writers for the rest of the transaction, and count what TRUNCATE will remove.</summary>
    public static string CountLocked(QualifiedName table) => $"SELECT COUNT_BIG(*) FROM {Quote(table)} WITH (TABLOCKX, HOLDLOCK)";

    public const string GetAppLock = """
        DECLARE @result int;
        EXEC @result = sys.sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = @timeout;
        SELECT @result;
        """;

    /// <summary>sys.dm_tran_locks shows only the first 32 characters of an application lock's name.</summary>
    public const string AppLockHolder = """
        SELECT TOP (1) COALESCE(s.program_name, N'a session'), s.session_id
        FROM sys.dm_tran_locks AS l JOIN sys.dm_exec_sessions AS s ON s.session_id = l.request_session_id
        WHERE l.resource_type = N'APPLICATION' AND l.resource_database_id = DB_ID() AND l.request_status = N'GRANT'
          AND l.resource_description LIKE N'%' + LEFT(@resource, 32) + N'%' AND l.request_session_id <> @@SPID
        """;

    public const string AppLockFree = "SELECT APPLOCK_TEST(N'public', @resource, N'Exclusive', N'Session')";

    public static string NoCheck(ForeignKeyInfo fk)
    {
        ArgumentNullException.ThrowIfNull(fk);
        return $"ALTER TABLE {Quote(fk.From)} NOCHECK CONSTRAINT {Quote(fk.Name)}";
    }

    /// <summary>WITH CHECK re-validates every row and leaves the constraint trusted.</summary>
    public static string Recheck(ForeignKeyInfo fk)
    {
        ArgumentNullException.ThrowIfNull(fk);
        return $"ALTER TABLE {Quote(fk.From)} WITH CHECK CHECK CONSTRAINT {Quote(fk.Name)}";
    }

    /// <summary>Re-enable a key that was untrusted before the refresh, as it was: new rows checked, existing rows not re-read, still untrusted.</summary>
    public static string Reenable(ForeignKeyInfo fk)
    {
        ArgumentNullException.ThrowIfNull(fk);
        return $"ALTER TABLE {Quote(fk.From)} WITH NOCHECK CHECK CONSTRAINT {Quote(fk.Name)}";
    }

    /// <summary>A foreign key's state right now, inside the refresh transaction, before a defer disables it.</summary>
    public const string KeyState = """
        SELECT fk.is_disabled, fk.is_not_trusted
        FROM sys.foreign_keys AS fk
        WHERE fk.parent_object_id = OBJECT_ID(@table) AND fk.name = @name
        """;

    public const string CanWrite = "SELECT CAST(CASE WHEN HAS_PERMS_BY_NAME(@table, N'OBJECT', N'INSERT') = 1 OR HAS_PERMS_BY_NAME(@table, N'OBJECT', N'DELETE') = 1 OR HAS_PERMS_BY_NAME(@table, N'OBJECT', N'UPDATE') = 1 THEN 1 ELSE 0 END AS bit)";

    public const string DefaultSchema = "SELECT CAST(SCHEMA_NAME() AS nvarchar(128))";

    public const string Login = "SELECT CAST(SUSER_SNAME() AS nvarchar(256))";

    /// <summary>Resource names for sp_getapplock are at most 255 characters: long table names are hashed.</summary>
    public static string LockResource(QualifiedName table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var name = $"DataRefresh:{table.Schema}.{table.Name}";
        return name.Length <= 255 ? name : $"DataRefresh:{LockKeys.For(table).ToString("x16", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The type as SQL Server prints it in DDL: nvarchar(max), decimal(38,10), datetime2(7).</summary>
    public static string TypeName(string type, short maxLength, byte precision, byte scale) => type switch
    {
        "nvarchar" or "nchar" => $"{type}({(maxLength == -1 ? "max" : (maxLength / 2).ToString(CultureInfo.InvariantCulture))})",
        "varchar" or "char" or "varbinary" or "binary" => $"{type}({(maxLength == -1 ? "max" : maxLength.ToString(CultureInfo.InvariantCulture))})",
        "decimal" or "numeric" => $"{type}({precision},{scale})",
        "datetime2" or "time" or "datetimeoffset" => $"{type}({scale})",
        "float" => precision == 24 ? "real" : "float",
        _ => type,
    };
}
