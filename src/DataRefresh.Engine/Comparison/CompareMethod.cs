namespace DataRefresh.Comparison;

/// <summary>How hard Compare-TableState looks.</summary>
public enum CompareMethod
{
    /// <summary>Row counts only (exact counts, both sides at once).</summary>
    Count,

    /// <summary>Proves equality, or locates the key ranges that differ, from per-segment counts and row-hash sums computed in each database.</summary>
    Checksum,

    /// <summary>As Checksum, then names the differing rows (key, kind, changed columns).</summary>
    Rows,
}
