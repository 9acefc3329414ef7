namespace DataRefresh.Comparison;

/// <summary>One row that differs, named by its key.</summary>
/// <param name="Key">The key's values in key-column order, as the source database returned them.</param>
/// <param name="Columns">For <see cref="DifferenceKind.Changed"/>: the copied columns whose values differ.</param>
public sealed record RowDifference(IReadOnlyList<object?> Key, DifferenceKind Kind, IReadOnlyList<string> Columns)
{
    /// <summary>With -IncludeValues only (they may be personal data): each differing column's value on each side, in canonical text.</summary>
    public IReadOnlyList<ColumnValues>? Values { get; init; }

    public override string ToString() => $"{Kind} ({string.Join(", ", Key)}){(Columns.Count > 0 ? ": " + string.Join(", ", Columns) : "")}";
}
