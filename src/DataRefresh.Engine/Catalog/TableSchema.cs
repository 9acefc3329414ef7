namespace DataRefresh.Catalog;

/// <summary>A table's exact catalog name: schema and name as the database spells them.</summary>
public sealed record QualifiedName(string Schema, string Name)
{
    public override string ToString() => $"{Schema}.{Name}";
}

public enum IdentityKind
{
    None,

    /// <summary>Values may be supplied on insert (PostgreSQL BY DEFAULT, serial; SQLite INTEGER PRIMARY KEY).</summary>
    ByDefault,

    /// <summary>Values are generated unless explicitly overridden (PostgreSQL GENERATED ALWAYS; SQL Server IDENTITY).</summary>
    Always,
}

public sealed record ColumnInfo
{
    public required string Name { get; init; }
    public required int Ordinal { get; init; }

    /// <summary>The type as the engine prints it, e.g. <c>numeric(12,2)</c>, <c>nvarchar(max)</c>.</summary>
    public required string DataType { get; init; }

    public bool IsNullable { get; init; } = true;
    public IdentityKind Identity { get; init; }

    /// <summary>Computed/generated columns: the database derives them, so they are never copied.</summary>
    public bool IsGenerated { get; init; }

    /// <summary>SQL Server rowversion/timestamp: assigned by the server, never copied.</summary>
    public bool IsRowVersion { get; init; }

    public string? Collation { get; init; }

    /// <summary>SQL Server: the code page of <see cref="Collation"/> (<c>COLLATIONPROPERTY(…, 'CodePage')</c>; 65001 for UTF-8, 0 for a Unicode-only collation). Null on other engines.</summary>
    public int? CodePage { get; init; }

    /// <summary>SQL Server: the locale id of <see cref="Collation"/> (<c>COLLATIONPROPERTY(…, 'LCID')</c>). Null on other engines.</summary>
    public int? Lcid { get; init; }

    /// <summary>The sequence this column draws from (identity, serial, a nextval/NEXT VALUE FOR default), by name; see <see cref="TableSchema.Sequences"/>.</summary>
    public string? Sequence { get; init; }

    public bool IsCopyable => !IsGenerated && !IsRowVersion;
}

/// <summary>What the database does to referencing rows when the referenced row is deleted (or its key updated).</summary>
public enum ReferentialAction
{
    /// <summary>Fails if referencing rows remain when the constraint is checked (at commit once deferred).</summary>
    NoAction,

    /// <summary>Fails at once, even when the constraint is deferred (PostgreSQL, SQLite; SQL Server has no RESTRICT).</summary>
    Restrict,

    /// <summary>Deletes the referencing rows.</summary>
    Cascade,

    SetNull,
    SetDefault,
}

public sealed record ForeignKeyInfo(string Name, QualifiedName From, IReadOnlyList<string> FromColumns, QualifiedName To, IReadOnlyList<string> ToColumns, bool Deferrable)
{
    public ReferentialAction OnDelete { get; init; }

    public ReferentialAction OnUpdate { get; init; }

    /// <summary>SQL Server: the key is disabled (<c>NOCHECK CONSTRAINT</c>): nothing checks it, and external_references: defer leaves it so.</summary>
    public bool IsDisabled { get; init; }

    /// <summary>SQL Server: the key is enabled but not trusted (rows were never all checked): a defer re-enables it without re-checking every row, as it was.</summary>
    public bool IsNotTrusted { get; init; }

    /// <summary>When <see cref="From"/> is a partition (PostgreSQL): the partitioned table a run configures and empties.</summary>
    public QualifiedName? PartitionOf { get; init; }

    /// <summary>The table a run would configure to cover the referencing rows: the partitioned table for a partition.</summary>
    public QualifiedName ReferencingTable => PartitionOf ?? From;

    /// <summary>The action from its SQL words as catalogs spell them: <c>CASCADE</c>, <c>SET NULL</c>, <c>SET_NULL</c>, <c>NO ACTION</c>.</summary>
    public static ReferentialAction ParseAction(string words) => words.Trim().Replace('_', ' ').ToUpperInvariant() switch
    {
        "RESTRICT" => ReferentialAction.Restrict,
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };

    public static string Sql(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };
}

public sealed record TableSchema
{
    public required QualifiedName Name { get; init; }
    public required IReadOnlyList<ColumnInfo> Columns { get; init; }
    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    /// <summary>
    /// Unique keys other than the primary key whose columns are all NOT NULL (unique constraints and unique indexes,
    /// neither partial nor on expressions): each identifies a row as a primary key would.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; init; } = [];

    /// <summary>The key a merge matches rows by: the primary key, else the narrowest NOT NULL unique key; empty if none.</summary>
    public IReadOnlyList<string> RowKey => PrimaryKey.Count > 0 ? PrimaryKey : UniqueKeys.OrderBy(k => k.Count).FirstOrDefault() ?? [];

    /// <summary>Foreign keys declared on this table (it is the child).</summary>
    public IReadOnlyList<ForeignKeyInfo> References { get; init; } = [];

    /// <summary>Foreign keys on other tables (or itself) that point at this table (it is the parent).</summary>
    public IReadOnlyList<ForeignKeyInfo> ReferencedBy { get; init; } = [];

    /// <summary>The sequences and identity counters this table's columns draw from, each with all the columns that use it.</summary>
    public IReadOnlyList<SequenceInfo> Sequences { get; init; } = [];

    public bool IsPartitioned { get; init; }

    /// <summary>SQL Server system-versioned (temporal) table: TRUNCATE is refused, period columns are generated.</summary>
    public bool IsSystemVersioned { get; init; }

    /// <summary>
    /// Why the engine refuses TRUNCATE on this table, beyond foreign keys and system versioning (SQL Server: an
    /// indexed view, change data capture, replication, memory-optimized, an edge constraint), in words for the plan;
    /// null when nothing does. The table is then emptied with DELETE; see <see cref="Planning.TruncateRules"/>.
    /// </summary>
    public string? TruncateObstacle { get; init; }

    /// <summary>The clustered index key, in order, when the table has one (bulk loads can declare rows arrive in it).</summary>
    public IReadOnlyList<string> ClusteredKey { get; init; } = [];

    public ColumnInfo? Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
