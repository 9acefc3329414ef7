namespace DataRefresh.Engines;

public enum FilterOperator
{
    Greater,
    GreaterOrEqual,
}

/// <summary>The predicate that selects source rows (and, for a buffer window, target rows to delete).</summary>
/// <param name="ColumnType">The column's catalog type, so engines can type the bound exactly (datetime2(7), date…).</param>
public sealed record RowFilter(string Column, FilterOperator Operator, object Value, string? ColumnType = null);
