namespace DataRefresh.Comparison;

/// <summary>A differing column's value on each side, in the canonical text the comparison hashes (null: SQL NULL).</summary>
public sealed record ColumnValues(string Column, string? Source, string? Target);
