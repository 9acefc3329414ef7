namespace DataRefresh.Comparison;

/// <summary>What Compare-TableState found for one table.</summary>
public sealed record TableComparison
{
    public required string Table { get; init; }
    public required ComparisonStatus Status { get; init; }
    public required CompareMethod Method { get; init; }

    /// <summary>Why NotComparable; for Different, what the difference means for this table (row_limit, changes below an incremental watermark).</summary>
    public string? Reason { get; init; }

    public long SourceRows { get; init; }
    public long TargetRows { get; init; }
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>Key ranges whose counts and hash sums were computed on both sides.</summary>
    public int SegmentsChecked { get; init; }

    /// <summary>Checksum and Rows: the smallest key ranges found to differ.</summary>
    public IReadOnlyList<KeyRange> DifferentRanges { get; init; } = [];

    /// <summary>Rows: the differing rows, at most -MaxDifferences of them.</summary>
    public IReadOnlyList<RowDifference> Differences { get; init; } = [];

    /// <summary>More rows differ than <see cref="Differences"/> lists (-MaxDifferences reached).</summary>
    public bool MoreDifferences { get; init; }

    public TimeSpan Duration { get; init; }
}
