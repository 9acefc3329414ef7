namespace DataRefresh.Catalog;

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
