namespace DataRefresh.History;

public sealed record HistoryQuery
{
    public IReadOnlyList<string> Tables { get; init; } = [];
    public int? Last { get; init; }
    public DateTime? Since { get; init; }
    public HistoryStatus? Status { get; init; }
}
