namespace DataRefresh.Engines.SqlServer;

/// <summary>Where rows live: a filegroup, or a partition scheme on a column.</summary>
public sealed record SqlServerDataSpace(string Name, bool IsScheme, string? PartitionColumn, string? PartitionFunction, bool RangeRight, IReadOnlyList<object> Boundaries)
{
    public int Partitions => IsScheme ? Boundaries.Count + 1 : 1;
}
