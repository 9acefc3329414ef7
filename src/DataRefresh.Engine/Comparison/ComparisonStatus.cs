namespace DataRefresh.Comparison;

public enum ComparisonStatus
{
    Equal,
    Different,

    /// <summary>The table could not be compared (see <see cref="TableComparison.Reason"/>).</summary>
    NotComparable,

    /// <summary>-TimeLimit ran out before the first pass over the table finished: nothing is known yet.</summary>
    Incomplete,
}
