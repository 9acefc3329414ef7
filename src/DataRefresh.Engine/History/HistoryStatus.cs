namespace DataRefresh.History;

public enum HistoryStatus
{
    Running,
    Succeeded,
    Failed,
    Skipped,

    /// <summary>Left Running by a process that was killed; marked when the next run starts.</summary>
    Abandoned,
}
