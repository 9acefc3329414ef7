using DataRefresh.Catalog;

namespace DataRefresh.Engines;

/// <summary>One merge of a table: the target, the temporary table holding the source's rows, and what to match and copy.</summary>
/// <param name="Key">The key rows match on: the primary key, or a unique key on NOT NULL columns.</param>
/// <param name="Columns">The copied columns (computed and rowversion columns are not among them).</param>
public sealed record MergeRequest(TableSchema Table, QualifiedName Staging, IReadOnlyList<string> Key, IReadOnlyList<string> Columns, int CommandTimeout)
{
    /// <summary>Where <see cref="IMergeLoad.CompareAsync"/> wrote the keys that differ, if the engine compares once; null: each statement compares.</summary>
    public QualifiedName? Differences { get; init; }
}
