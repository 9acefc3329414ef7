namespace DataRefresh.Comparison;

public sealed record CompareOptions
{
    public CompareMethod Method { get; init; } = CompareMethod.Checksum;

    /// <summary>Rows: stop listing after this many rows.</summary>
    public int MaxDifferences { get; init; } = 100;

    /// <summary>Stop a table's comparison after this long, saying how far it got; null: no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Show the differing columns' values (they may be personal data).</summary>
    public bool IncludeValues { get; init; }

    /// <summary>Key ranges of the first pass.</summary>
    public int Segments { get; init; } = 64;

    /// <summary>A differing range with at most this many source rows is compared row by row (key and row hash).</summary>
    public int RowLevelThreshold { get; init; } = 2000;
}
