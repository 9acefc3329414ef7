namespace DataRefresh.Catalog;

/// <summary>One column that takes its values from a sequence.</summary>
public sealed record SequenceUser(QualifiedName Table, string Column);
