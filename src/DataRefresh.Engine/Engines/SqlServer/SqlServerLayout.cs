namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// One column exactly as SWITCH compares it (type, collation, nullability, identity, computation, ROWGUIDCOL, typed
/// XML, sparse or column set, ANSI_PADDING) and as simple_copy would fill it (its DEFAULT).
/// </summary>
/// <param name="Type">As DDL prints it; typed XML carries its schema collection: <c>xml(CONTENT [dbo].[Orders])</c>.</param>
/// <param name="AnsiPadded">False only for a char, varchar, binary or varbinary (not max) column created with ANSI_PADDING OFF.</param>
/// <param name="Default">The DEFAULT constraint's definition as sys.default_constraints prints it, parenthesised.</param>
/// <param name="NotForReplication">IDENTITY … NOT FOR REPLICATION.</param>
/// <param name="ColumnSet">The xml COLUMN_SET FOR ALL_SPARSE_COLUMNS column.</param>
public sealed record SqlServerColumn(
    string Name,
    string Type,
    string? Collation,
    bool Nullable,
    string? IdentitySeed = null,
    string? IdentityIncrement = null,
    string? Computed = null,
    bool Persisted = false,
    bool Sparse = false,
    bool RowGuid = false,
    bool AnsiPadded = true,
    string? Default = null,
    bool NotForReplication = false,
    bool ColumnSet = false)
{
    public bool IsRowVersion => Type == "timestamp";
}

/// <param name="Compression">Per partition, in partition order: NONE, ROW or PAGE (empty: none).</param>
public sealed record SqlServerIndex(
    string Name,
    bool Clustered,
    bool Unique,
    bool PrimaryKey,
    bool UniqueConstraint,
    IReadOnlyList<(string Column, bool Descending)> Keys,
    IReadOnlyList<string> Includes,
    string? Filter,
    IReadOnlyList<string>? Compression = null);

/// <summary>Where rows live: a filegroup, or a partition scheme on a column.</summary>
public sealed record SqlServerDataSpace(string Name, bool IsScheme, string? PartitionColumn, string? PartitionFunction, bool RangeRight, IReadOnlyList<object> Boundaries)
{
    public int Partitions => IsScheme ? Boundaries.Count + 1 : 1;
}

/// <summary>A CHECK constraint with its state: staging reproduces trust, enablement and NOT FOR REPLICATION.</summary>
public sealed record SqlServerCheck(string Name, string Definition, bool Trusted = true, bool Enabled = true, bool NotForReplication = false);

/// <summary>Table options SWITCH compares or a load depends on.</summary>
/// <param name="Compression">The heap's or clustered index's per partition, in partition order: NONE, ROW or PAGE.</param>
/// <param name="LobDataSpace">The TEXTIMAGE_ON filegroup of a non-partitioned table with large-value columns.</param>
/// <param name="LargeValuesOutOfRow">sp_tableoption 'large value types out of row'.</param>
/// <param name="TextInRowLimit">sp_tableoption 'text in row' (0: off).</param>
public sealed record SqlServerTableOptions(
    IReadOnlyList<string> Compression,
    string? LobDataSpace = null,
    bool LargeValuesOutOfRow = false,
    int TextInRowLimit = 0)
{
    public static SqlServerTableOptions None { get; } = new([]);
}

/// <summary>Everything needed to build a staging table that ALTER TABLE … SWITCH accepts, and what would stop it.</summary>
public sealed record SqlServerLayout(
    IReadOnlyList<SqlServerColumn> Columns,
    SqlServerDataSpace DataSpace,
    IReadOnlyList<SqlServerIndex> Indexes,
    IReadOnlyList<SqlServerCheck> Checks,
    IReadOnlyList<string> Blockers,
    SqlServerTableOptions? Options = null)
{
    public SqlServerTableOptions TableOptions => Options ?? SqlServerTableOptions.None;
}
