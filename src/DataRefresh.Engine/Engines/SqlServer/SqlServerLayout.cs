namespace DataRefresh.Engines.SqlServer;

/// <summary>One column exactly as SWITCH compares it: type, collation, nullability, identity, computation.</summary>
public sealed record SqlServerColumn(
    string Name,
    string Type,
    string? Collation,
    bool Nullable,
    string? IdentitySeed = null,
    string? IdentityIncrement = null,
    string? Computed = null,
    bool Persisted = false,
    bool Sparse = false)
{
    public bool IsRowVersion => Type == "timestamp";
}

public sealed record SqlServerIndex(
    string Name,
    bool Clustered,
    bool Unique,
    bool PrimaryKey,
    bool UniqueConstraint,
    IReadOnlyList<(string Column, bool Descending)> Keys,
    IReadOnlyList<string> Includes,
    string? Filter);

/// <summary>Where rows live: a filegroup, or a partition scheme on a column.</summary>
public sealed record SqlServerDataSpace(string Name, bool IsScheme, string? PartitionColumn, string? PartitionFunction, bool RangeRight, IReadOnlyList<object> Boundaries)
{
    public int Partitions => IsScheme ? Boundaries.Count + 1 : 1;
}

/// <summary>Everything needed to build a staging table that ALTER TABLE … SWITCH accepts, and what would stop it.</summary>
public sealed record SqlServerLayout(
    IReadOnlyList<SqlServerColumn> Columns,
    SqlServerDataSpace DataSpace,
    IReadOnlyList<SqlServerIndex> Indexes,
    IReadOnlyList<(string Name, string Definition)> Checks,
    IReadOnlyList<string> Blockers);
