namespace DataRefresh.Engines.SqlServer;

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
