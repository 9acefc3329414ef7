namespace DataRefresh.Execution;

/// <summary>Where a table of an active run is.</summary>
public enum TableRunState
{
    Waiting,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
