namespace DataRefresh.Staging;

/// <summary>What a staged refresh will do to one table, decided before any data moves.</summary>
public sealed record StagingPreflight
{
    public IReadOnlyList<string> Steps { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What would make the swap fail; any one blocks the table.</summary>
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>
    /// Whether a full swap empties the target as simple_copy does (TRUNCATE or DELETE, per truncate_target), so the
    /// plan's TRUNCATE warning applies; false where rows are switched out by metadata instead.
    /// </summary>
    public bool EmptiesTarget { get; init; } = true;
}
